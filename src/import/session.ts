import type { Register } from '../register/connection.js';
import { hasHouseholds } from '../register/household-repo.js';
import { readVocabExtensions } from '../register/settings-repo.js';

/**
 * One import command's hold on the register: one write transaction for every file of the command
 * (a folder import is all files or none), begun at the first write, and one 导入前 snapshot taken
 * at commit when the import changed something (Register.backupBeforeWrite).
 */
export class ImportSession {
  private began = false;
  private extensions: Map<string, string[]> | null = null;

  constructor(
    readonly register: Register,
    private readonly options: { dryRun: boolean; backup: boolean },
  ) {}

  get dryRun(): boolean {
    return this.options.dryRun;
  }

  get snapshot(): string | null {
    return this.register.snapshot;
  }

  vocabExtensions(): Map<string, string[]> {
    this.extensions ??= readVocabExtensions(this.register.db);
    return this.extensions;
  }

  /** Begin the transaction (once); a register that has data is snapshotted when it commits. */
  begin(): void {
    if (this.began) return;
    this.register.begin();
    if (!this.options.dryRun && this.options.backup && hasHouseholds(this.register.db)) {
      this.register.backupBeforeWrite('导入前');
    }
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
