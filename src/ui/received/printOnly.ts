import './printOnly.css';

/**
 * Svelte action: moves the element to the end of `<body>`, hidden on screen; while it is there,
 * printing shows only it (not the app's header, banners or the screen under it). Put it on an
 * element inside a wrapper, so Svelte's own nodes stay where they were.
 */
export function printOnly(node: HTMLElement) {
  node.classList.add('print-only');
  document.body.append(node);
  return { destroy: () => node.remove() };
}
