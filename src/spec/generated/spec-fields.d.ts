// Generated from schemas/spec.schema.json by schemas/generate.mjs: do not edit.
/** The named fields of an object (absent for a map or a scalar), and the shape of an array's items. */
export interface FieldTree {
  readonly fields?: { readonly [name: string]: FieldTree };
  /** The names of `fields` by their upper-case spelling. */
  readonly folded?: { readonly [upper: string]: string };
  readonly items?: FieldTree;
}
/** The fields spec.schema.json names, as a tree: what `asSpec` guards against keys Go would read as one of them. */
export declare const specFields: FieldTree;
