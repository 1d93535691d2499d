/** The app's screens, addressed by the URL hash (`#/map`, `#/import`, …) so reload keeps the screen. */
export const SCREENS = ['map', 'import'] as const;
export type Screen = (typeof SCREENS)[number];

export const SCREEN_LABELS: Record<Screen, string> = {
  map: '地図と名簿',
  import: 'データ取り込み',
};

function parse(hash: string): Screen {
  const name = hash.replace(/^#\/?/, '').split('/')[0];
  return (SCREENS as readonly string[]).includes(name) ? (name as Screen) : 'map';
}

export class Router {
  screen = $state<Screen>(parse(location.hash));

  constructor() {
    addEventListener('hashchange', () => (this.screen = parse(location.hash)));
  }

  go(screen: Screen) {
    location.hash = `#/${screen}`;
    this.screen = screen;
  }
}
