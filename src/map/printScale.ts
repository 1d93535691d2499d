/*
 * MapLibre's zoom and the printed scale. MapLibre counts 512 px tiles on a Web Mercator world
 * 2π × 6,378,137 m round the equator; a CSS px prints as 0.0254 / 96 m of paper.
 */

const WORLD_M = 2 * Math.PI * 6378137;
/** Paper metres per CSS px when printed (96 px to the inch). */
export const PAPER_M_PER_PX = 0.0254 / 96;

/** Ground metres per CSS px of a MapLibre map at `zoom`, at latitude `lat` (the page centre's). */
export function metresPerPixel(zoom: number, lat: number): number {
  return (WORLD_M * Math.cos((lat * Math.PI) / 180)) / (512 * 2 ** zoom);
}

/** The zoom at which a map printed at 96 px to the inch has scale 1:`scale` at latitude `lat`. */
export function zoomForScale(scale: number, lat: number): number {
  return Math.log2((WORLD_M * Math.cos((lat * Math.PI) / 180)) / (512 * scale * PAPER_M_PER_PX));
}
