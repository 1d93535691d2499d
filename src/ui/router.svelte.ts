/**
 * The app's screens, addressed by the URL hash (`#/map`, `#/import`, `#/plan/<personId>`, …) so
 * reload keeps the screen. `param` is the part after the screen name (a person id for `plan`, a drill id for `drill`).
 */
export const SCREENS = ['map', 'plan', 'karte', 'drill', 'emergency', 'import', 'places', 'data', 'records', 'archived', 'received'] as const;
export type Screen = (typeof SCREENS)[number];

/**
 * The screens the header's tabs lead to; 「名簿から外れた人」 is reached from the 地区カルテ, the データの保管
 * screen and a 名簿 update's result, 「安否確認」 from the 災害時モード banner (and its tab while the mode is on).
 */
export const NAV_SCREENS: readonly Screen[] = SCREENS.filter((s) => s !== 'archived' && s !== 'emergency');

export const SCREEN_LABELS: Record<Screen, string> = {
  map: '地図と名簿',
  plan: '個別避難計画',
  karte: '地区カルテ',
  drill: '訓練',
  emergency: '安否確認',
  import: 'データ取り込み',
  places: '位置の確認',
  data: 'データの保管',
  records: '提供記録',
  archived: '名簿から外れた人',
  received: '受け取った名簿',
};

/**
 * The screen and parameter a hash addresses. A parameter that is not valid percent-encoding
 * (`#/plan/%`, typed or cut short when pasted) is `notFound` rather than an exception that
 * would leave the page blank.
 */
function parse(hash: string): { screen: Screen; param: string | null; notFound: boolean } {
  const [name, ...rest] = hash.replace(/^#\/?/, '').split('/');
  const screen = SCREENS.find((s) => s === name) ?? 'map';
  if (screen === 'map' || !rest.length || !rest[0]) return { screen, param: null, notFound: false };
  try {
    return { screen, param: decodeURIComponent(rest.join('/')), notFound: false };
  } catch {
    return { screen, param: null, notFound: true };
  }
}

export class Router {
  screen = $state<Screen>(parse(location.hash).screen);
  param = $state<string | null>(parse(location.hash).param);
  /** True when the address cannot be read (the page says so, with a way back). */
  notFound = $state<boolean>(parse(location.hash).notFound);

  constructor() {
    addEventListener('hashchange', () => {
      const r = parse(location.hash);
      this.screen = r.screen;
      this.param = r.param;
      this.notFound = r.notFound;
    });
  }

  go(screen: Screen, param: string | null = null) {
    location.hash = param ? `#/${screen}/${encodeURIComponent(param)}` : `#/${screen}`;
    this.screen = screen;
    this.param = param;
    this.notFound = false;
  }
}

/** The address of a person's plan editor. */
export function planHref(personId: string): string {
  return `#/plan/${encodeURIComponent(personId)}`;
}
