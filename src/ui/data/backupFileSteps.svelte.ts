import { errorMessage } from '../../core/thrown';
import { readHeader, type ContainerHeader } from '../../io/backup/container';
import { inspectBackup } from '../../workers/backupClient';

/** A running step's progress, as the backup worker reports it. */
export interface StepProgress {
  stage: string;
  done: number;
  total: number;
}

/**
 * The steps 「バックアップから復元」 and 「別の端末のデータを統合」 share: choose a .hinan file (its
 * header is read at once; a hand-over file is refused with `notBackup`), type the passphrase,
 * check what it holds (in the backup worker); then run the screen's own step (`Phase`) with its
 * progress. Every failure becomes `error` (Japanese) and leaves the store as it was.
 */
export class BackupFileSteps<Phase extends string> {
  file = $state<File | null>(null);
  header = $state<ContainerHeader | null>(null);
  passphrase = $state('');
  inspected = $state<{ counts: Record<string, number> } | null>(null);
  /** The step running, null when none. */
  phase = $state<'inspect' | Phase | null>(null);
  progress = $state<StepProgress>({ stage: '', done: 0, total: 0 });
  error = $state<string | null>(null);
  readonly #notBackup: string;

  constructor(notBackup: string) {
    this.#notBackup = notBackup;
  }

  /** Forgets the header, what the file holds, the passphrase and the error (the chosen file stays). */
  reset(): void {
    this.header = null;
    this.inspected = null;
    this.passphrase = '';
    this.error = null;
  }

  /** Forgets the chosen file too, and empties the file input. */
  clear(input: HTMLInputElement | null): void {
    this.reset();
    this.file = null;
    if (input) input.value = '';
  }

  /** A file was chosen (or the choice emptied): reads its header. */
  async choose(file: File | null): Promise<void> {
    this.reset();
    this.file = file;
    if (!file) return;
    try {
      const h = (await readHeader(file)).header;
      if (h.kind !== 'backup') throw new Error(this.#notBackup);
      this.header = h;
    } catch (err) {
      this.error = errorMessage(err);
    }
  }

  /** Opens the chosen file with the passphrase and counts what it holds. */
  async inspect(): Promise<void> {
    const file = this.file;
    if (!file) return;
    await this.run('inspect', async (onProgress) => {
      this.inspected = await inspectBackup(file, this.passphrase, onProgress);
    });
  }

  /**
   * Runs one step as `phase`, showing its progress; a failure becomes `error`. The phase ends
   * after the step, or only on failure when `keepPhase` (the page is about to reload).
   */
  async run(phase: 'inspect' | Phase, step: (onProgress: (stage: string, done: number, total: number) => void) => Promise<void>, keepPhase = false): Promise<void> {
    this.error = null;
    this.phase = phase;
    this.progress = { stage: '', done: 0, total: 0 };
    try {
      await step((stage, done, total) => (this.progress = { stage, done, total }));
      if (!keepPhase) this.phase = null;
    } catch (err) {
      this.error = errorMessage(err);
      this.phase = null;
    }
  }
}
