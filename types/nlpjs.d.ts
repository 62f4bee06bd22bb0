// @nlpjs/basic ships no types; this declares the small part we use.
declare module '@nlpjs/basic' {
  interface Classification {
    intent: string;
    score: number;
  }
  interface ProcessResult {
    intent: string;
    score: number;
    classifications: Classification[];
  }
  class Nlp {
    constructor(settings: Record<string, unknown>);
    addLanguage(locales: string | string[]): void;
    addDocument(locale: string, utterance: string, intent: string): void;
    train(): Promise<unknown>;
    process(locale: string, utterance: string): Promise<ProcessResult>;
    export(minified?: boolean): string;
    import(data: string): void;
  }
  function containerBootstrap(): unknown;
  const basic: { Nlp: typeof Nlp; containerBootstrap: typeof containerBootstrap };
  export default basic;
}
