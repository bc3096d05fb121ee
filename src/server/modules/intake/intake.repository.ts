import { asc, eq } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { intakes, routingCorrections } from './intake.tables.js';

type Conn = Db | Tx;
export type IntakeRow = typeof intakes.$inferSelect;
export type CorrectionRow = typeof routingCorrections.$inferSelect;

export async function insertIntake(db: Conn, row: typeof intakes.$inferInsert): Promise<IntakeRow> {
  const [inserted] = await db.insert(intakes).values(row).returning();
  return inserted as IntakeRow;
}

export async function findIntake(db: Conn, id: string): Promise<IntakeRow | undefined> {
  const [row] = await db.select().from(intakes).where(eq(intakes.id, id));
  return row;
}

export async function setChoice(db: Conn, id: string, offeringId: string): Promise<void> {
  await db.update(intakes).set({ chosenOfferingId: offeringId, chosenAt: new Date() }).where(eq(intakes.id, id));
}

export async function insertCorrection(db: Conn, row: typeof routingCorrections.$inferInsert): Promise<CorrectionRow> {
  const [inserted] = await db.insert(routingCorrections).values(row).returning();
  return inserted as CorrectionRow;
}

export async function allCorrections(db: Conn): Promise<CorrectionRow[]> {
  return db.select().from(routingCorrections).orderBy(asc(routingCorrections.createdAt));
}
