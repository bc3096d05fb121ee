import { describe, expect, it } from 'vitest';
import { locate } from './geography.js';
import { IntentReader } from './intents.js';
import { Analyzer } from './text.js';

const analyzer = new Analyzer(['lån bidrag stöd bank kapital företag student universitet tillstånd investering'], []);
const reader = new IntentReader((folded) => analyzer.normalize(folded));
const read = (text: string, municipality?: string) =>
  reader.read(
    text,
    analyzer.analyze(text, { correctTypos: true }),
    locate({ text, ...(municipality ? { municipality } : {}) }),
  );

describe('intents', () => {
  it('hears no money question in a plain wish for advice', () => {
    expect(read('Vi vill minska elförbrukningen i butiken').money).toBe(false);
    expect(read('Vi vill ha stöd i att hitta nya kunder').money).toBe(false);
  });

  it('hears money in an amount, a loan, a grant or "söka stöd"', () => {
    expect(read('Vi behöver 600 000 kr till en maskin')).toMatchObject({ money: true, loan: true, amount: true });
    expect(read('Banken vill ha mer säkerhet')).toMatchObject({ money: true, loan: true });
    expect(read('Kan vi söka stöd för en mässa?')).toMatchObject({ money: true, grant: true, loan: false });
    expect(read('Finns det investeringsstöd för gården?')).toMatchObject({ money: true, grant: true });
    expect(read('Vi vill söka medel till projektet').money).toBe(true);
    expect(read('Vi säljer livsmedel').money).toBe(false);
  });

  it('hears a question about several permits', () => {
    expect(read('Vilka tillstånd behöver vi för ett kafé?').permitsQuestion).toBe(true);
    expect(read('Which permits do we need?').permitsQuestion).toBe(true);
    expect(read('Vi behöver tillstånd att servera öl').permitsQuestion).toBe(false);
  });

  it('hears the county, the region or several places, but not "lånet"', () => {
    expect(read('Vi vill bygga en fabrik i länet').regional).toBe(true);
    expect(read('Vi jämför Örebro län och Värmland').regional).toBe(true);
    expect(read('Vi jämför Kumla och Hallsberg', '1880').regional).toBe(true);
    expect(read('Vi vill flytta till Örebroregionen').regional).toBe(true);
    expect(read('Vi behöver lånet snabbt').regional).toBe(false);
  });

  it('hears a wish for students or researchers, also inside a compound', () => {
    expect(read('Vi vill ta in en exjobbsstudent').academic).toBe(true);
    expect(read('Could researchers at a university help us?').academic).toBe(true);
    expect(read('Kurser på högskolenivå för personalen').academic).toBe(false);
  });
});
