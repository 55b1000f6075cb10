import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import de from '../i18n/de.json';
import en from '../i18n/en.json';
import it_ from '../i18n/it.json';
import ru from '../i18n/ru.json';
import type { FieldError, FieldErrorParams } from './api.ts';
import { localizeFieldError } from './field-error-message.ts';

type Language = 'en' | 'de' | 'it' | 'ru';
const translations: Record<Language, TFunction> = {} as Record<Language, TFunction>;

beforeAll(async () => {
  // The app's own set-up (web/src/i18n/i18n.ts): i18next's default plurals by Intl.PluralRules.
  const instance = i18next.createInstance();
  await instance.init({
    resources: { en: { translation: en }, de: { translation: de }, it: { translation: it_ }, ru: { translation: ru } },
    lng: 'en', fallbackLng: 'en', interpolation: { escapeValue: false },
  });
  for (const language of ['en', 'de', 'it', 'ru'] as const) translations[language] = instance.getFixedT(language);
});

const SERVER_MESSAGE = 'the server’s words';

function say(language: Language, code: string | undefined, params?: FieldErrorParams): string {
  const error: FieldError = { field: 'body.name', message: SERVER_MESSAGE, ...(code === undefined ? {} : { code }), ...(params === undefined ? {} : { params }) };
  return localizeFieldError(error, translations[language], language);
}

const nbsp = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('localizeFieldError: the limit and its unit in the reader’s language', () => {
  const tooLong = { origin: 'string', maximum: 100, inclusive: true };
  it('says the most characters in each language', () => {
    expect(say('en', 'too_big', tooLong)).toBe('At most 100 characters.');
    expect(say('de', 'too_big', tooLong)).toBe('Höchstens 100 Zeichen.');
    expect(say('it', 'too_big', tooLong)).toBe('Al massimo 100 caratteri.');
    expect(say('ru', 'too_big', tooLong)).toBe('Максимум 100 символов.');
  });

  it('uses the plural form of each language: ru 1 символ, 2 символа, 5 символов', () => {
    const atMost = (language: Language, maximum: number) => nbsp(say(language, 'too_big', { origin: 'string', maximum, inclusive: true }));
    expect([1, 2, 4, 5, 11, 21, 22, 25, 101, 1000].map((n) => atMost('ru', n))).toEqual([
      'Максимум 1 символ.', 'Максимум 2 символа.', 'Максимум 4 символа.', 'Максимум 5 символов.', 'Максимум 11 символов.',
      'Максимум 21 символ.', 'Максимум 22 символа.', 'Максимум 25 символов.', 'Максимум 101 символ.', 'Максимум 1 000 символов.',
    ]);
    expect([atMost('en', 1), atMost('de', 1), atMost('it', 1)]).toEqual(['At most 1 character.', 'Höchstens 1 Zeichen.', 'Al massimo 1 carattere.']);
    // Italian has a form of its own for a million (Intl.PluralRules: many); it must not fall back to English.
    expect(atMost('it', 1_000_000)).toBe('Al massimo 1.000.000 caratteri.');
    expect(say('ru', 'too_small', { origin: 'array', minimum: 3, inclusive: true })).toBe('Минимум 3 элемента.');
    expect(say('de', 'too_big', { origin: 'array', maximum: 1, inclusive: true })).toBe('Höchstens 1 Eintrag.');
    expect(say('de', 'too_big', { origin: 'set', maximum: 5, inclusive: true })).toBe('Höchstens 5 Einträge.');
    expect(say('ru', 'too_big', { origin: 'lines', maximum: 6, inclusive: true })).toBe('Максимум 6 строк.');
    expect(say('de', 'too_big', { origin: 'lines', maximum: 6, inclusive: true })).toBe('Höchstens 6 Zeilen.');
  });

  it('says the least, an exact size, and "not empty" for at least one character', () => {
    expect(say('de', 'too_small', { origin: 'string', minimum: 12, inclusive: true })).toBe('Mindestens 12 Zeichen.');
    expect(say('en', 'too_small', { origin: 'string', minimum: 3, inclusive: true, exact: true })).toBe('Exactly 3 characters.');
    expect(say('ru', 'too_big', { origin: 'string', maximum: 2, inclusive: true, exact: true })).toBe('Ровно 2 символа.');
    expect(say('de', 'too_small', { origin: 'string', minimum: 1, inclusive: true })).toBe('Darf nicht leer sein.');
    expect(say('it', 'too_small', { origin: 'string', minimum: 1, inclusive: true })).toBe('Non può essere vuoto.');
    // A count below an exclusive limit is the whole number under it.
    expect(say('en', 'too_big', { origin: 'array', maximum: 7, inclusive: false })).toBe('At most 6 items.');
  });

  it('says a number limit as the number itself, in the locale’s format; a bigint’s digits exactly', () => {
    expect(say('de', 'too_small', { origin: 'number', minimum: 1, inclusive: true })).toBe('Mindestens 1.');
    expect(say('de', 'too_big', { origin: 'int', maximum: 10_000, inclusive: true })).toBe('Höchstens 10.000.');
    expect(say('en', 'too_big', { origin: 'number', maximum: 10_000, inclusive: true })).toBe('At most 10,000.');
    expect(say('it', 'too_small', { origin: 'number', minimum: 0, inclusive: false })).toBe('Maggiore di 0.');
    expect(say('ru', 'too_big', { origin: 'number', maximum: 10, inclusive: false })).toBe('Меньше 10.');
    expect(say('de', 'too_big', { origin: 'number', maximum: 0.5, inclusive: true })).toBe('Höchstens 0,5.');
    expect(say('de', 'too_big', { origin: 'bigint', maximum: '9007199254740993', inclusive: true })).toBe('Höchstens 9.007.199.254.740.993.');
  });

  it('says a date limit as a date', () => {
    expect(say('de', 'too_big', { origin: 'date', maximum: '2026-01-31T00:00:00.000Z', inclusive: true })).toBe('Spätestens am 31.01.2026.');
    expect(say('en', 'too_small', { origin: 'date', minimum: '2026-01-31T00:00:00.000Z', inclusive: false })).toBe('After Jan 31, 2026.');
  });

  it('names the format: a date as YYYY-MM-DD in the language’s letters, a prefix, never a pattern', () => {
    expect(say('de', 'invalid_format', { format: 'date' })).toBe('Datum im Format JJJJ-MM-TT erwartet.');
    expect(say('it', 'invalid_format', { format: 'date' })).toBe('Attesa una data nel formato AAAA-MM-GG.');
    expect(say('ru', 'invalid_format', { format: 'date' })).toBe('Ожидается дата в формате ГГГГ-ММ-ДД.');
    expect(say('en', 'invalid_format', { format: 'date' })).toBe('Expected a date as YYYY-MM-DD.');
    expect(say('de', 'invalid_format', { format: 'email' })).toBe('Geben Sie eine gültige E-Mail-Adresse ein.');
    expect(say('de', 'invalid_format', { format: 'uuidv4' })).toBe('UUID erwartet.');
    expect(say('de', 'invalid_format', { format: 'starts_with', prefix: 'inv_' })).toBe('Muss mit „inv_“ beginnen.');
    expect(say('de', 'invalid_format', { format: 'regex' })).toBe('Dieser Wert hat nicht das erwartete Format.');
  });

  it('names Revline\u2019s own formats: a month as YYYY-MM in the language\u2019s letters, a currency code it knows', () => {
    expect(say('en', 'invalid_format', { format: 'month' })).toBe('Expected a month as YYYY-MM.');
    expect(say('de', 'invalid_format', { format: 'month' })).toBe('Monat im Format JJJJ-MM erwartet.');
    expect(say('it', 'invalid_format', { format: 'month' })).toBe('Atteso un mese nel formato AAAA-MM.');
    expect(say('ru', 'invalid_format', { format: 'month' })).toBe('Ожидается месяц в формате ГГГГ-ММ.');
    // The same words as the reporting currency's 422 (code unknown_currency): one failure, one message.
    expect(say('en', 'invalid_format', { format: 'currency_code' })).toBe('Not a currency code Revline knows (ISO 4217, e.g. EUR).');
    expect(say('de', 'invalid_format', { format: 'currency_code' })).toBe(say('de', 'unknown_currency'));
    expect(say('it', 'invalid_format', { format: 'currency_code' })).toBe('Non è un codice valuta noto a Revline (ISO 4217, ad es. EUR).');
    expect(say('ru', 'invalid_format', { format: 'currency_code' })).toBe('Revline не знает такого кода валюты (ISO 4217, например EUR).');
  });

  it('says what a value of the wrong type should have been, from the expected type alone', () => {
    const expected = (language: Language, type: string) => say(language, 'invalid_type', { expected: type });
    expect(['string', 'number', 'int', 'bigint', 'boolean', 'array'].map((type) => expected('en', type))).toEqual([
      'Expected text.', 'Expected a number.', 'Expected a whole number.', 'Expected a whole number.', 'Expected yes or no.', 'Expected a list.',
    ]);
    expect(['string', 'number', 'int', 'boolean', 'array'].map((type) => expected('de', type))).toEqual([
      'Text erwartet.', 'Zahl erwartet.', 'Ganze Zahl erwartet.', 'Ja oder Nein erwartet.', 'Liste erwartet.',
    ]);
    expect(['string', 'number', 'int', 'boolean', 'array'].map((type) => expected('it', type))).toEqual([
      'Atteso un testo.', 'Atteso un numero.', 'Atteso un numero intero.', 'Atteso sì o no.', 'Attesa una lista.',
    ]);
    expect(['string', 'number', 'int', 'boolean', 'array'].map((type) => expected('ru', type))).toEqual([
      'Ожидается текст.', 'Ожидается число.', 'Ожидается целое число.', 'Ожидается «да» или «нет».', 'Ожидается список.',
    ]);
    expect([expected('en', 'never'), expected('de', 'undefined'), expected('it', 'never'), expected('ru', 'never')]).toEqual([
      'Not allowed here.', 'Hier nicht erlaubt.', 'Non consentito qui.', 'Здесь не допускается.',
    ]);
    // Nothing was sent: required, whatever type was wanted.
    expect((['en', 'de', 'it', 'ru'] as const).map((language) => say(language, 'invalid_type', { expected: 'string', missing: true }))).toEqual([
      'This field is required.', 'Dieses Feld ist erforderlich.', 'Questo campo è obbligatorio.', 'Это поле обязательно.',
    ]);
    // A type the app has no word for (an object, a record, whatever a later server names) gets the generic text.
    expect([expected('en', 'object'), expected('de', 'record'), expected('it', 'map'), expected('ru', 'toString')]).toEqual([
      'This value is not of the expected type.', 'Dieser Wert hat nicht den erwarteten Typ.', 'Questo valore non è del tipo previsto.', 'Значение имеет неверный тип.',
    ]);
  });

  it('lists up to six allowed values as the language joins alternatives, more as the generic text', () => {
    expect(say('de', 'invalid_value', { values: ['asc', 'desc'] })).toBe('Erwartet: asc oder desc.');
    expect(say('ru', 'invalid_value', { values: ['day', 'week', 'month'] })).toBe('Ожидается: day, week или month.');
    expect(say('en', 'invalid_value', { values: [true] })).toBe('Expected true.');
    expect(say('it', 'invalid_value', { values: ['net 30', 'b'] })).toBe('Atteso: "net 30" o b.');
    expect(say('de', 'invalid_value', { values: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] })).toBe('Wählen Sie einen der angebotenen Werte.');
  });

  it('says a multiple and a whole number', () => {
    expect(say('de', 'not_multiple_of', { divisor: 5 })).toBe('Muss ein Vielfaches von 5 sein.');
    expect(say('ru', 'not_multiple_of', { divisor: 1 })).toBe('Должно быть целым числом.');
  });
});

describe('localizeFieldError: fallbacks', () => {
  it('a known code without params (an older server) or with an origin it does not know gets today’s generic text', () => {
    expect(say('de', 'too_big')).toBe('Dieser Wert ist zu lang.');
    expect(say('ru', 'too_small')).toBe('Значение слишком короткое.');
    expect(say('it', 'invalid_format')).toBe('Questo valore non ha il formato previsto.');
    expect(say('en', 'invalid_value')).toBe('Choose one of the offered values.');
    expect(say('de', 'too_big', { origin: 'file', maximum: 10, inclusive: true })).toBe('Dieser Wert ist zu lang.');
    expect(say('de', 'too_big', { origin: 'string', inclusive: true })).toBe('Dieser Wert ist zu lang.');
    expect(say('de', 'too_big', { origin: 'number', maximum: 'ten', inclusive: true })).toBe('Dieser Wert ist zu lang.');
  });

  it('a code it does not know, or none, keeps the server’s message; a multiple without its divisor too', () => {
    expect(say('de', 'invalid_type')).toBe(SERVER_MESSAGE);
    expect(say('de', 'invalid_type', {})).toBe(SERVER_MESSAGE);
    expect(say('de', 'custom')).toBe(SERVER_MESSAGE);
    expect(say('de', undefined)).toBe(SERVER_MESSAGE);
    expect(say('de', 'not_multiple_of')).toBe(SERVER_MESSAGE);
    expect(say('de', 'unknown_currency')).toBe('Kein Währungscode, den Revline kennt (ISO 4217, z. B. EUR).');
  });
});
