import type { Map as MapLibreMap } from 'maplibre-gl';
import type { ShelterKind } from '../core/shelter';
import { SHELTER_COLORS, SUPPORTER_COLOR } from './colors';

const SIZE = 40; // device pixels; added with pixelRatio 2 → 20 CSS px

type Draw = (ctx: CanvasRenderingContext2D) => void;

/** Shape drawn for each map symbol; every shape has a white halo so it reads on any background. */
const SHAPES: Record<`shelter-${ShelterKind}` | 'supporter', Draw> = {
  // 指定緊急避難場所: triangle (a place to run to)
  'shelter-emergency_site': (ctx) => {
    ctx.beginPath();
    ctx.moveTo(20, 4);
    ctx.lineTo(37, 34);
    ctx.lineTo(3, 34);
    ctx.closePath();
    fillAndHalo(ctx, SHELTER_COLORS.emergency_site);
  },
  // 指定避難所: square with a roof line (a building to stay in)
  'shelter-shelter': (ctx) => {
    ctx.beginPath();
    ctx.rect(7, 7, 26, 26);
    fillAndHalo(ctx, SHELTER_COLORS.shelter);
    ctx.strokeStyle = '#fff';
    ctx.lineWidth = 3;
    ctx.beginPath();
    ctx.moveTo(12, 20);
    ctx.lineTo(20, 13);
    ctx.lineTo(28, 20);
    ctx.stroke();
  },
  // 福祉避難所: rounded square with a white cross (care available)
  'shelter-welfare_shelter': (ctx) => {
    ctx.beginPath();
    ctx.roundRect(5, 5, 30, 30, 7);
    fillAndHalo(ctx, SHELTER_COLORS.welfare_shelter);
    ctx.fillStyle = '#fff';
    ctx.fillRect(17, 10, 6, 20);
    ctx.fillRect(10, 17, 20, 6);
  },
  // 支援者: diamond
  supporter: (ctx) => {
    ctx.beginPath();
    ctx.moveTo(20, 8);
    ctx.lineTo(32, 20);
    ctx.lineTo(20, 32);
    ctx.lineTo(8, 20);
    ctx.closePath();
    fillAndHalo(ctx, SUPPORTER_COLOR);
  },
};

function fillAndHalo(ctx: CanvasRenderingContext2D, color: string) {
  ctx.lineWidth = 4;
  ctx.strokeStyle = '#ffffff';
  ctx.stroke();
  ctx.fillStyle = color;
  ctx.fill();
}

/** Draws an icon to a data URL (for the legend). */
export function iconDataUrl(name: keyof typeof SHAPES): string {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = SIZE;
  SHAPES[name](canvas.getContext('2d')!);
  return canvas.toDataURL();
}

/** Adds every symbol icon to the map (no network: drawn on a canvas). */
export function addIcons(map: MapLibreMap): void {
  for (const [name, draw] of Object.entries(SHAPES)) {
    if (map.hasImage(name)) continue;
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = SIZE;
    const ctx = canvas.getContext('2d')!;
    draw(ctx);
    map.addImage(name, ctx.getImageData(0, 0, SIZE, SIZE), { pixelRatio: 2 });
  }
}

export type IconName = keyof typeof SHAPES;

/** The names of the symbol icons `addIcons` gives a map (`shelter-<kind>`, `supporter`). */
export const ICON_NAMES: readonly string[] = Object.keys(SHAPES);
