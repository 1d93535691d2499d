/**
 * The app's screens, addressed by the URL hash (`#/map`, `#/import`, `#/plan/<personId>`, …) so
 * reload keeps the screen. `param` is the part after the screen name (a person id for `plan`, a drill id for `drill`).
 */
export const SCREENS = ['map', 'plan', 'karte', 'drill', 'import', 'places'] as const;
export type Screen = (typeof SCREENS)[number];

export const SCREEN_LABELS: Record<Screen, string> = {
  map: '地図と名簿',
  plan: '個別避難計画',
  karte: '地区カルテ',
  drill: '訓練',
  import: 'データ取り込み',
  places: '位置の確認',
};

function parse(hash: string): { screen: Screen; param: string | null } {
  const [name, ...rest] = hash.replace(/^#\/?/, '').split('/');
  const screen = (SCREENS as readonly string[]).includes(name) ? (name as Screen) : 'map';
  const param = rest.length && rest[0] ? decodeURIComponent(rest.join('/')) : null;
  return { screen, param: screen === 'map' ? null : param };
}

export class Router {
  screen = $state<Screen>(parse(location.hash).screen);
  param = $state<string | null>(parse(location.hash).param);

  constructor() {
    addEventListener('hashchange', () => {
      const r = parse(location.hash);
      this.screen = r.screen;
      this.param = r.param;
    });
  }

  go(screen: Screen, param: string | null = null) {
    location.hash = param ? `#/${screen}/${encodeURIComponent(param)}` : `#/${screen}`;
    this.screen = screen;
    this.param = param;
  }
}

/** The address of a person's plan editor. */
export function planHref(personId: string): string {
  return `#/plan/${encodeURIComponent(personId)}`;
}
