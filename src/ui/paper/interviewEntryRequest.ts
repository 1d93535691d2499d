import type { Person } from '../../core/person';
import type { PlanSuggestions } from '../../core/planSuggestions';
import type { AppState } from '../appState.svelte';

/**
 * 「票の番号で開く」 on the plan list hands the typed code to the plan editor it opens (the address
 * holds only the person): the editor takes it once and opens 「聞き取り票から入力」 with it.
 */
let pending: { personId: string; code: string } | null = null;

export function requestInterviewEntry(personId: string, code: string): void {
  pending = { personId, code };
}

/** The code asked for `personId`, once; null when none was. */
export function takeInterviewEntry(personId: string): string | null {
  if (pending?.personId !== personId) return null;
  const { code } = pending;
  pending = null;
  return code;
}

/**
 * The engine's suggestions the 聞き取り票 prints as （提案） and whose hazards it asks about
 * (core/interviewSheet.ts `sheetHazards`): the print and the entry ask the same way, so both list
 * the same 避難先 lines. `person` is a plain object (`$state.snapshot`). Null when the engine fails.
 */
export async function sheetSuggestion(app: AppState, person: Person): Promise<PlanSuggestions | null> {
  try {
    return await app.engine.suggestions({ ...app.engineScope(), districtId: null }, person);
  } catch {
    return null;
  }
}
