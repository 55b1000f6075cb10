import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import en from './i18n/en.json';
import ru from './i18n/ru.json';
import { describeCheck } from './rule-text.ts';

describe('a rule test\'s checks in the reader\'s language', () => {
  let t: TFunction;
  beforeAll(async () => {
    const instance = i18next.createInstance();
    await instance.init({ resources: { en: { translation: { settingsPages: en } }, ru: { translation: { settingsPages: ru } } }, lng: 'ru', fallbackLng: 'en' });
    t = instance.t;
  });

  it('names an approval condition\'s metric and operator, not their codes', () => {
    expect(describeCheck({ check: 'maxLineDiscountBps', op: '>=', value: 2000, actual: 2500 }, t))
      .toEqual({ check: ru.rules.metric.maxLineDiscountBps, expected: '≥ 2000', actual: '2500' });
    expect(describeCheck({ check: 'currency', op: 'not_in', value: ['USD', 'GBP'], actual: 'EUR' }, t))
      .toEqual({ check: ru.rules.metric.currency, expected: `${ru.rules.op.not_in} USD, GBP`, actual: 'EUR' });
  });

  it('shows yes and no for true and false, and a product rule\'s check as the server words it', () => {
    expect(describeCheck({ check: 'line 1 quantity', op: '=', value: false, actual: true }, t))
      .toEqual({ check: 'line 1 quantity', expected: `= ${ru.common.no}`, actual: ru.common.yes });
  });
});
