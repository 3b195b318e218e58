/** What a transform or check unit carries for the built-in policy: its name and its settings' defaults. */
export interface DefaultedUnit {
  readonly name: string;
  readonly defaults: unknown;
}

/** Each unit's defaults under its name, typed per unit. */
export type DefaultsOf<U extends readonly DefaultedUnit[]> = { readonly [X in U[number] as X['name']]: X['defaults'] };

/** The built-in settings of a list of units: a unit missing from the list fails to compile where the result is typed. */
export function defaultsOf<U extends readonly DefaultedUnit[]>(units: U): DefaultsOf<U> {
  return Object.fromEntries(units.map(unit => [unit.name, unit.defaults])) as DefaultsOf<U>;
}
