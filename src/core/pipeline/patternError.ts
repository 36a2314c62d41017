// A regular expression the real tool would reject; the message is GNU's wording.
export class PatternError extends Error {}
