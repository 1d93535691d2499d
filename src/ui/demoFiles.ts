import { buildDemoBundle, type DemoBundle } from '../io/demoData';

/** Loads the bundled demo files lazily (kept out of the main chunk; cached by the service worker). */
export async function fetchDemoBundle(): Promise<DemoBundle> {
  const [districts, people, supporters, sites, shelters] = await Promise.all([
    import('../../data/demo/districts.json'),
    import('../../data/demo/people.json'),
    import('../../data/demo/supporters.json'),
    import('../../data/shelters/gsi_emergency_sites_072028_aizuwakamatsu.geojson?raw'),
    import('../../data/shelters/gsi_shelters_072028_aizuwakamatsu.geojson?raw'),
  ]);
  return buildDemoBundle({
    districts: districts.default,
    people: people.default,
    supporters: supporters.default,
    sites: { name: 'gsi_emergency_sites_072028_aizuwakamatsu.geojson', text: sites.default },
    shelters: { name: 'gsi_shelters_072028_aizuwakamatsu.geojson', text: shelters.default },
  });
}
