// What a command does to the state it acts on, as every tool classifies it.

/**
 * `read` changes nothing; `change` changes something; `destructive` deletes
 * data or capacity (DELETE, FLUSHALL, kubectl delete, scale to zero,
 * s3 rm --recursive). A command a tool cannot read fully, or a script, is at
 * least `change`.
 */
export type Effect = 'read' | 'change' | 'destructive';

const ORDER: readonly Effect[] = ['read', 'change', 'destructive'];

/** The stronger of two effects: a script of several statements has its most damaging one's effect. */
export function strongerEffect(a: Effect, b: Effect): Effect {
  return ORDER.indexOf(a) >= ORDER.indexOf(b) ? a : b;
}
