import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import customersEn from './i18n/en.json';
import customersIt from './i18n/it.json';
import pipelineEn from '../pipeline/i18n/en.json';
import pipelineIt from '../pipeline/i18n/it.json';
import { activityTypeLabel, leadStatusCodeLabel, memberStatusLabel } from './code-labels.ts';

describe('Customer 360 codes in the reader\'s language', () => {
  let t: TFunction;
  beforeAll(async () => {
    const instance = i18next.createInstance();
    await instance.init({
      resources: { en: { translation: { customers: customersEn, pipeline: pipelineEn } }, it: { translation: { customers: customersIt, pipeline: pipelineIt } } },
      lng: 'it', fallbackLng: 'en', interpolation: { escapeValue: false },
    });
    t = instance.t;
  });

  it('names every activity type, tasks included', () => {
    expect(['call', 'meeting', 'email', 'task'].map((type) => activityTypeLabel(t, type))).toEqual(['Chiamata', 'Riunione', 'E-mail', 'Compito']);
  });

  it('names a campaign member status, and shows one it does not know as words', () => {
    expect(memberStatusLabel(t, 'no_show')).toBe('Assente');
    expect(memberStatusLabel(t, 'waitlisted_later')).toBe('waitlisted later');
  });

  it('names a default lead status, and shows a configured one by its key as words', () => {
    expect(leadStatusCodeLabel(t, 'working')).toBe('In lavorazione');
    expect(leadStatusCodeLabel(t, 'nurture_pool')).toBe('nurture pool');
  });
});
