import type { Register } from '../register/connection.js';
import { hasHouseholds } from '../register/household-repo.js';
import { readVocabExtensions } from '../register/settings-repo.js';
import { takeSnapshot } from '../register/snapshots.js';

/**
 * One import command's hold on the register: one write transaction for every file of the command
 * (a folder import is all files or none), begun at the first write, and one 导入前 snapshot.
 */
export class ImportSession {
  private began = false;
  private extensions: Map<string, string[]> | null = null;
  snapshot: string | null = null;

  constructor(
    readonly register: Register,
    private readonly options: { dryRun: boolean; backup: boolean },
  ) {}

  get dryRun(): boolean {
    return this.options.dryRun;
  }

  vocabExtensions(): Map<string, string[]> {
    this.extensions ??= readVocabExtensions(this.register.db);
    return this.extensions;
  }

  /** Begin the transaction (once), after the snapshot of a register that has data. */
  begin(): void {
    if (this.began) return;
    if (!this.options.dryRun && this.options.backup && hasHouseholds(this.register.db)) {
      this.snapshot = takeSnapshot(this.register, '导入前');
    }
    this.register.begin();
    this.began = true;
  }

  get active(): boolean {
    return this.began;
  }

  commit(): void {
    if (!this.began) return;
    if (this.options.dryRun) this.register.rollback();
    else this.register.commit();
    this.began = false;
  }

  rollback(): void {
    this.register.rollback();
    this.began = false;
  }
}
