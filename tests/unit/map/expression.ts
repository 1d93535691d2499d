/**
 * Evaluates the few MapLibre style expressions the app's style uses (`get`, `literal`, `concat`,
 * `case`, `match`, `==`) for one feature's properties: what MapLibre would draw, without a GPU.
 * Throws on any other operator so a new expression in map/style.ts is noticed here.
 */
export function evaluate(expression: unknown, properties: Record<string, unknown>): unknown {
  if (!Array.isArray(expression)) return expression;
  const [op, ...args]: unknown[] = expression;
  const arg = (i: number) => evaluate(args[i], properties);
  switch (op) {
    case 'get':
      return typeof args[0] === 'string' ? properties[args[0]] ?? null : null;
    case 'literal':
      return args[0];
    case 'concat':
      return args.map((_, i) => String(arg(i))).join('');
    case '==':
      return arg(0) === arg(1);
    case 'case': {
      for (let i = 0; i + 1 < args.length; i += 2) if (arg(i)) return arg(i + 1);
      return arg(args.length - 1);
    }
    case 'match': {
      const input = arg(0);
      for (let i = 1; i + 1 < args.length; i += 2) {
        const label = args[i];
        if (Array.isArray(label) ? label.includes(input) : label === input) return arg(i + 1);
      }
      return arg(args.length - 1);
    }
    default:
      throw new Error(`expression operator not handled by the test evaluator: ${String(op)}`);
  }
}
