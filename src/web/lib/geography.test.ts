import { describe, expect, it } from 'vitest';
import { areaNames, foldName, resolveMunicipality } from './geography.js';

const municipalities = [
  { code: '0127', name: 'Botkyrka', county: '01' },
  { code: '1980', name: 'Västerås', county: '19' },
  { code: '1880', name: 'Örebro', county: '18' },
  { code: '1282', name: 'Landskrona', county: '12' },
];
const regions = {
  counties: [
    { code: '01', name: 'Stockholms län' },
    { code: '19', name: 'Västmanlands län' },
  ],
  municipalities,
};

describe('resolveMunicipality', () => {
  it('says null for text that names no municipality, and undefined for an empty field', () => {
    expect(resolveMunicipality('Atlantis', municipalities)).toBeNull();
    expect(resolveMunicipality('9999', municipalities)).toBeNull();
    expect(resolveMunicipality('   ', municipalities)).toBeUndefined();
  });

  it('finds the kommunkod by name in any case, without å/ä/ö, with "kommun", or by code', () => {
    expect(resolveMunicipality('Västerås', municipalities)).toBe('1980');
    expect(resolveMunicipality('vasteras', municipalities)).toBe('1980');
    expect(resolveMunicipality(' orebro kommun ', municipalities)).toBe('1880');
    expect(resolveMunicipality('0127', municipalities)).toBe('0127');
  });
});

describe('foldName', () => {
  it('folds case, diacritics, spacing and the word kommun', () => {
    expect(foldName('  Örebro   Kommun')).toBe('orebro');
  });
});

describe('areaNames', () => {
  it('names counties first, then municipalities in Swedish order, and keeps unknown codes', () => {
    expect(areaNames({ counties: ['19'], municipalities: ['1880', '0127', '0000'] }, regions)).toEqual([
      'Västmanlands län',
      '0000',
      'Botkyrka',
      'Örebro',
    ]);
  });
});
