// First-start seeding from the shipped resources: the article, its curated summit facts and a
// codebook. Runs once per store (recorded in settings), so an analyst's edits are never overwritten.
import type { Database } from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { findMentions } from '../common/mentions';
import { CodePointIndex } from '../common/text';
import { ENTITY_KINDS } from './entities';
import { FACT_STATUSES, RELIABILITY } from './facts';
import type { Store } from './store';

const key = z.string().regex(/^[a-z0-9-]+$/);

const factsFile = z.object({
  document: z.object({ title: z.string().min(1), source: z.string(), published: z.string().optional() }),
  entities: z.array(
    z.object({
      key,
      kind: z.enum(ENTITY_KINDS),
      name: z.string().min(1),
      aliases: z.array(z.string()),
      role: z.string().nullable(),
      affiliation: key.nullable(),
    }),
  ),
  facts: z.array(
    z.object({
      subject: key,
      relation: z.string().min(1),
      object: key.optional(),
      objectText: z.string().optional(),
      time: z.string().nullable(),
      place: key.nullable(),
      source: key.nullable(),
      reliability: z.enum(RELIABILITY),
      credibility: z.coerce.number().int().min(1).max(6),
      status: z.enum(FACT_STATUSES),
      evidence: z.string().min(1),
      gradingNote: z.string().optional(),
    }),
  ),
});

interface CodeSeed {
  key: string;
  name: string;
  color: string;
  description: string;
  children?: CodeSeed[] | undefined;
}
const codeSeed: z.ZodType<CodeSeed> = z.lazy(() =>
  z.object({
    key,
    name: z.string().min(1),
    color: z.string().regex(/^#[0-9a-f]{6}$/i),
    description: z.string(),
    children: z.array(codeSeed).optional(),
  }),
);
const codebookFile = z.object({ codes: z.array(codeSeed) });

export interface SeedBundle {
  key: string;
  text: string;
  facts: z.infer<typeof factsFile>;
  codebook: z.infer<typeof codebookFile>;
}

export const DEFAULT_DOCUMENT = 'kim-putin-summit';

function readJson<T>(file: string, schema: z.ZodType<T>): T {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`The shipped file ${file} cannot be read (${(error as Error).message}); reinstall Summit Workbench.`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new Error(`The shipped file ${file} is not valid: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** Reads and checks the shipped resources; every evidence quote must occur in the article. */
export function loadSeed(resourcesDir: string, name = DEFAULT_DOCUMENT): SeedBundle {
  const text = readFileSync(join(resourcesDir, `${name}.txt`), 'utf8');
  const facts = readJson(join(resourcesDir, `${name}.facts.json`), factsFile);
  const codebook = readJson(join(resourcesDir, 'codebook.json'), codebookFile);
  const keys = new Set(facts.entities.map((e) => e.key));
  for (const f of facts.facts) {
    if (!text.includes(f.evidence)) throw new Error(`A shipped fact's evidence is not in the article: “${f.evidence}”`);
    for (const k of [f.subject, f.object, f.place, f.source]) {
      if (k != null && !keys.has(k)) throw new Error(`A shipped fact names an unknown entity “${k}”.`);
    }
    if ((f.object === undefined) === (f.objectText === undefined)) throw new Error(`A shipped fact needs exactly one of object and objectText: “${f.relation}”.`);
  }
  return { key: name, text, facts, codebook };
}

function seededKey(name: string): string {
  return `seeded:${name}`;
}

export function isSeeded(db: Database, name = DEFAULT_DOCUMENT): boolean {
  return db.prepare('SELECT 1 FROM settings WHERE key = ?').get(seededKey(name)) !== undefined;
}

/** Seeds once; returns false (and writes nothing) when this store was seeded before. */
export function seedStore(store: Store, seed: SeedBundle): boolean {
  const { db } = store;
  return db.transaction(() => {
    if (isSeeded(db, seed.key)) return false;
    const doc = store.documents.create({ title: seed.facts.document.title, source: seed.facts.document.source, text: seed.text, seedKey: seed.key });

    const ids = new Map<string, number>();
    for (const e of seed.facts.entities) {
      const existing = store.entities.idBySeedKey(e.key);
      ids.set(e.key, existing ?? store.entities.create({ kind: e.kind, name: e.name, aliases: e.aliases, role: e.role ?? '', seedKey: e.key }).id);
    }
    for (const e of seed.facts.entities) if (e.affiliation) store.entities.setAffiliation(ids.get(e.key)!, ids.get(e.affiliation)!);

    const named = seed.facts.entities.map((e) => ({ id: ids.get(e.key)!, names: [e.name, ...e.aliases] }));
    for (const m of findMentions(seed.text, named)) store.entities.addMention(m.entityId, doc.id, m.start, m.end, m.exact);

    const index = new CodePointIndex(seed.text);
    seed.facts.facts.forEach((f, i) => {
      const u = seed.text.indexOf(f.evidence);
      const start = index.toCodePoint(u);
      store.facts.create({
        subjectId: ids.get(f.subject)!,
        relation: f.relation,
        objectId: f.object ? ids.get(f.object)! : null,
        objectText: f.objectText ?? '',
        time: f.time,
        placeId: f.place ? ids.get(f.place)! : null,
        sourceId: f.source ? ids.get(f.source)! : null,
        reliability: f.reliability,
        credibility: f.credibility,
        status: f.status,
        gradingNote: f.gradingNote ?? '',
        evidence: { documentId: doc.id, start, end: start + [...f.evidence].length },
        seedKey: `${seed.key}#${i + 1}`,
      });
    });

    const addCodes = (codes: readonly CodeSeed[], parentId: number | null) => {
      for (const c of codes) {
        if (db.prepare('SELECT 1 FROM codes WHERE seed_key = ?').get(c.key)) continue;
        const created = store.codes.create({ name: c.name, color: c.color, description: c.description, parentId, seedKey: c.key });
        if (c.children) addCodes(c.children, created.id);
      }
    };
    addCodes(seed.codebook.codes, null);

    db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run(seededKey(seed.key), new Date().toISOString());
    return true;
  })();
}
