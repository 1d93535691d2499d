import type { FeatureCollection, Geometry } from 'geojson';
import KDBush from 'kdbush';
import { distanceMetres, type LngLat, type Metres } from './geo';
import type { HazardIndex } from './hazardAtHome';
import type { HazardZone } from './hazardZone';
import { GreatCircleNearest } from './greatCircleNearest';

/**
 * A walkable road network as a compact undirected graph in CSR form (typed arrays).
 * Node `v` is at `[nodeCoords[2v], nodeCoords[2v+1]]` (`[lng, lat]` degrees); its neighbours are
 * `targets[offsets[v] .. offsets[v+1])` with lengths in metres in `lengthsM` and the undirected
 * edge each entry belongs to in `edgeIds` (both directions share one id, for closing edges).
 */
export interface RoadGraph {
  nodeCount: number;
  edgeCount: number;
  nodeCoords: Float64Array;
  offsets: Uint32Array;
  targets: Uint32Array;
  lengthsM: Float64Array;
  edgeIds: Uint32Array;
}

/** Vertices closer than this (degrees, ≈ 1 cm) are merged into one node. */
export const DEFAULT_MERGE_PRECISION_DEG = 1e-7;

/**
 * Builds the graph from polylines (`[lng, lat]` degree vertices). Every vertex becomes a node;
 * vertices that round to the same `precisionDeg` grid point are merged, so lines that share an
 * end or a crossing vertex connect. Each consecutive vertex pair becomes an edge of its
 * great-circle length in metres. Lines that merely cross without a shared vertex do not connect
 * (as in OSM, where bridges cross roads).
 */
export function buildRoadGraph(lines: Iterable<readonly (readonly number[])[]>, precisionDeg = DEFAULT_MERGE_PRECISION_DEG): RoadGraph {
  const nodeOf = new Map<string, number>();
  let coords = new Float64Array(1024);
  let nodeCount = 0;
  let ends = new Uint32Array(1024);
  let edgeCount = 0;

  const node = (lng: number, lat: number): number => {
    const key = `${Math.round(lng / precisionDeg)},${Math.round(lat / precisionDeg)}`;
    let id = nodeOf.get(key);
    if (id === undefined) {
      id = nodeCount++;
      nodeOf.set(key, id);
      if (2 * nodeCount > coords.length) coords = grow(coords);
      coords[2 * id] = lng;
      coords[2 * id + 1] = lat;
    }
    return id;
  };

  for (const line of lines) {
    let prev = -1;
    for (const vertex of line) {
      const lng = vertex[0], lat = vertex[1];
      if (!Number.isFinite(lng) || !Number.isFinite(lat)) {
        prev = -1;
        continue;
      }
      const v = node(lng, lat);
      if (prev >= 0 && prev !== v) {
        if (2 * edgeCount + 2 > ends.length) ends = grow(ends);
        ends[2 * edgeCount] = prev;
        ends[2 * edgeCount + 1] = v;
        edgeCount++;
      }
      prev = v;
    }
  }

  const nodeCoords = coords.slice(0, 2 * nodeCount);
  const offsets = new Uint32Array(nodeCount + 1);
  for (let e = 0; e < 2 * edgeCount; e++) offsets[ends[e] + 1]++;
  for (let v = 0; v < nodeCount; v++) offsets[v + 1] += offsets[v];
  const fill = offsets.slice(0, nodeCount);
  const targets = new Uint32Array(2 * edgeCount);
  const lengthsM = new Float64Array(2 * edgeCount);
  const edgeIds = new Uint32Array(2 * edgeCount);
  for (let e = 0; e < edgeCount; e++) {
    const a = ends[2 * e], b = ends[2 * e + 1];
    const length = distanceMetres([nodeCoords[2 * a], nodeCoords[2 * a + 1]], [nodeCoords[2 * b], nodeCoords[2 * b + 1]]);
    const ia = fill[a]++, ib = fill[b]++;
    targets[ia] = b;
    lengthsM[ia] = length;
    edgeIds[ia] = e;
    targets[ib] = a;
    lengthsM[ib] = length;
    edgeIds[ib] = e;
  }
  return { nodeCount, edgeCount, nodeCoords, offsets, targets, lengthsM, edgeIds };
}

/** The LineString / MultiLineString coordinates of a GeoJSON FeatureCollection; other geometries are ignored. */
export function linesOfGeoJSON(fc: FeatureCollection<Geometry | null>): number[][][] {
  const lines: number[][][] = [];
  for (const f of fc.features) {
    const g = f.geometry;
    if (g?.type === 'LineString') lines.push(g.coordinates);
    else if (g?.type === 'MultiLineString') lines.push(...g.coordinates);
  }
  return lines;
}

/** Builds a road graph from GeoJSON roads (LineString / MultiLineString features, `[lng, lat]` degrees). */
export function roadGraphFromGeoJSON(fc: FeatureCollection<Geometry | null>, precisionDeg = DEFAULT_MERGE_PRECISION_DEG): RoadGraph {
  return buildRoadGraph(linesOfGeoJSON(fc), precisionDeg);
}

/** Snaps `[lng, lat]` points to the nearest graph node by great-circle distance (kdbush). */
export class NodeSnapper {
  private readonly search: GreatCircleNearest;
  private readonly graph: RoadGraph;

  constructor(graph: RoadGraph) {
    this.graph = graph;
    const tree = new KDBush(graph.nodeCount, 32);
    for (let v = 0; v < graph.nodeCount; v++) tree.add(graph.nodeCoords[2 * v], graph.nodeCoords[2 * v + 1]);
    tree.finish();
    this.search = new GreatCircleNearest(tree);
  }

  /** Nearest node to `[lng, lat]` within `maxDistanceM` metres, or -1. */
  nearestNode(lng: number, lat: number, maxDistanceM: Metres = Infinity): number {
    return this.search.nearest(lng, lat, null, maxDistanceM);
  }

  /** Great-circle metres from `[lng, lat]` to node `v`. */
  distanceToNode(lng: number, lat: number, v: number): Metres {
    return distanceMetres([lng, lat], [this.graph.nodeCoords[2 * v], this.graph.nodeCoords[2 * v + 1]]);
  }

  /** Snaps many points `[lng0, lat0, …]`: node per point (-1 when none within `maxDistanceM`) and snap distance in metres. */
  snapPoints(points: ArrayLike<number>, maxDistanceM: Metres = Infinity): { node: Int32Array; snapM: Float64Array } {
    const n = points.length >> 1;
    const node = new Int32Array(n).fill(-1);
    const snapM = new Float64Array(n).fill(NaN);
    for (let i = 0; i < n; i++) {
      const lng = points[2 * i], lat = points[2 * i + 1];
      if (!Number.isFinite(lng) || !Number.isFinite(lat)) continue;
      const v = this.nearestNode(lng, lat, maxDistanceM);
      if (v < 0) continue;
      node[i] = v;
      snapM[i] = this.distanceToNode(lng, lat, v);
    }
    return { node, snapM };
  }
}

/** A copy of `a` in an array twice as long (same element type). */
function grow(a: Float64Array): Float64Array<ArrayBuffer>;
function grow(a: Uint32Array): Uint32Array<ArrayBuffer>;
function grow(a: Float64Array | Uint32Array): Float64Array<ArrayBuffer> | Uint32Array<ArrayBuffer> {
  const bigger = a instanceof Float64Array ? new Float64Array(a.length * 2) : new Uint32Array(a.length * 2);
  bigger.set(a);
  return bigger;
}

/**
 * Edges to close for a scenario: `mask[edgeId] = 1` for every edge that enters, touches or lies
 * in a zone of `hazards` that `isActive` accepts (e.g. the 浸水想定区域 of the flood scenario).
 */
export function edgesInHazardZones(graph: RoadGraph, hazards: HazardIndex, isActive?: (zone: HazardZone) => boolean): Uint8Array {
  const mask = new Uint8Array(graph.edgeCount);
  const { offsets, targets, edgeIds, nodeCoords } = graph;
  for (let u = 0; u < graph.nodeCount; u++) {
    for (let i = offsets[u]; i < offsets[u + 1]; i++) {
      const v = targets[i];
      if (v < u) continue; // each undirected edge once
      const route: LngLat[] = [[nodeCoords[2 * u], nodeCoords[2 * u + 1]], [nodeCoords[2 * v], nodeCoords[2 * v + 1]]];
      if (hazards.routeCrossings(route, isActive).length > 0) mask[edgeIds[i]] = 1;
    }
  }
  return mask;
}
