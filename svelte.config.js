/** Svelte 5 compiles `<script lang="ts">` natively; runes mode everywhere. */
export default {
  compilerOptions: { runes: true },
};
