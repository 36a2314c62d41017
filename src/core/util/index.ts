// Small helpers with no home of their own.

export { abortableSleep } from './abortableSleep';
export { Lru } from './lru';
