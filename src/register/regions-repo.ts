import type { ChangeLog } from './audit.js';
import type { Db } from './connection.js';

/**
 * 乡镇/村/网格 by name. Regions come into being from the households' names (SPEC App. B);
 * `import regions` adds codes and grids. Caches ids for the length of one import.
 */
export class RegionResolver {
  private readonly townships = new Map<string, number>();
  private readonly villages = new Map<string, number>();
  private readonly grids = new Map<string, number>();
  private readonly villageNames = new Map<number, string>();

  constructor(
    private readonly db: Db,
    private readonly log: ChangeLog,
  ) {
    for (const t of db.prepare('SELECT id, name FROM townships').all() as { id: number; name: string }[]) {
      this.townships.set(t.name, t.id);
    }
    for (const v of db
      .prepare('SELECT v.id, v.name, t.name AS township FROM villages v JOIN townships t ON t.id = v.township_id')
      .all() as { id: number; name: string; township: string }[]) {
      this.villages.set(`${v.township}\u0000${v.name}`, v.id);
      this.villageNames.set(v.id, `${v.township}/${v.name}`);
    }
    for (const g of db.prepare('SELECT id, village_id, name FROM grids').all() as {
      id: number;
      village_id: number;
      name: string;
    }[]) {
      this.grids.set(`${g.village_id}\u0000${g.name}`, g.id);
    }
  }

  township(name: string, code?: string | null): number {
    let id = this.townships.get(name);
    if (id === undefined) {
      id = Number(
        this.db.prepare('INSERT INTO townships (name, code) VALUES (?, ?)').run(name, code ?? null).lastInsertRowid,
      );
      this.townships.set(name, id);
      this.log.inserted('township', name);
    } else if (code) {
      this.setCode('townships', 'township', id, name, code);
    }
    return id;
  }

  village(township: string, name: string, codes: { township?: string | null; village?: string | null } = {}): number {
    const key = `${township}\u0000${name}`;
    let id = this.villages.get(key);
    if (id === undefined) {
      const tid = this.township(township, codes.township);
      id = Number(
        this.db
          .prepare('INSERT INTO villages (township_id, name, code) VALUES (?, ?, ?)')
          .run(tid, name, codes.village ?? null).lastInsertRowid,
      );
      this.villages.set(key, id);
      this.villageNames.set(id, `${township}/${name}`);
      this.log.inserted('village', `${township}/${name}`);
    } else {
      if (codes.township) this.township(township, codes.township);
      if (codes.village) this.setCode('villages', 'village', id, `${township}/${name}`, codes.village);
    }
    return id;
  }

  grid(villageId: number, name: string, keeper?: string | null): number {
    const key = `${villageId}\u0000${name}`;
    let id = this.grids.get(key);
    const label = `${this.villageNames.get(villageId) ?? villageId}/${name}`;
    if (id === undefined) {
      id = Number(
        this.db
          .prepare('INSERT INTO grids (village_id, name, keeper) VALUES (?, ?, ?)')
          .run(villageId, name, keeper ?? null).lastInsertRowid,
      );
      this.grids.set(key, id);
      this.log.inserted('grid', label);
    } else if (keeper !== undefined) {
      const old = this.db.prepare('SELECT keeper FROM grids WHERE id = ?').get(id) as { keeper: string | null };
      if ((old.keeper ?? null) !== (keeper ?? null)) {
        this.db.prepare('UPDATE grids SET keeper = ? WHERE id = ?').run(keeper ?? null, id);
        this.log.updated('grid', label, 'keeper', old.keeper, keeper ?? null);
      }
    }
    return id;
  }

  hasVillage(township: string, name: string): boolean {
    return this.villages.has(`${township}\u0000${name}`);
  }

  villageLabel(id: number): string {
    return this.villageNames.get(id) ?? String(id);
  }

  private setCode(table: 'townships' | 'villages', entity: string, id: number, label: string, code: string): void {
    const old = this.db.prepare(`SELECT code FROM ${table} WHERE id = ?`).get(id) as { code: string | null };
    if (old.code === code) return;
    this.db.prepare(`UPDATE ${table} SET code = ? WHERE id = ?`).run(code, id);
    this.log.updated(entity, label, 'code', old.code, code);
  }
}
