import type { PlanStatus } from '../core/plan';
import { isOnRoster } from '../core/rosterArchive';
import type { HinanDatabase } from './schema';

/**
 * The status of the plan kept for each archived person (「名簿から外れた人」: 「計画 保存しています（本人確認済）」),
 * by person id; people without a plan, and people still on the 名簿, are absent. Only the status
 * leaves this function: an archived person's plan is not shown anywhere.
 */
export async function archivedPlanStatuses(db: HinanDatabase, personIds: readonly string[]): Promise<Map<string, PlanStatus>> {
  if (!personIds.length) return new Map();
  const people = await db.people.bulkGet([...personIds]);
  const archived = people.filter((p) => p !== undefined && !isOnRoster(p)).map((p) => p!.id);
  const plans = await db.plans.where('personId').anyOf(archived).toArray();
  return new Map(plans.map((p) => [p.personId, p.status]));
}
