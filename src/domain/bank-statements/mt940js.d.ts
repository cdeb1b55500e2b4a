// mt940js ships no types; what Pitlane uses of it.
declare module "mt940js" {
  export class Parser {
    constructor(options?: { no86Structure?: boolean });
    // biome-ignore lint/suspicious/noExplicitAny: the library's statements, typed where they are read (mt940.ts)
    parse(data: string, withTags?: boolean): any[];
  }
}
