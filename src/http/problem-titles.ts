import type { ErrorCode } from '../shared/errors.ts';

export const LOCALES = ['en', 'de', 'it', 'ru'] as const;
export type Locale = (typeof LOCALES)[number];

type Titles = Record<Exclude<Locale, 'en'>, string>;

/** Localized problem titles; a new error code does not compile without its translations. */
export const PROBLEM_TITLES: Record<ErrorCode, Titles> = {
  validation_failed: { de: 'Die Anfrage ist ungültig', it: 'La richiesta non è valida', ru: 'Запрос некорректен' },
  malformed_request: { de: 'Die Anfrage konnte nicht gelesen werden', it: 'Impossibile leggere la richiesta', ru: 'Не удалось прочитать запрос' },
  payload_too_large: { de: 'Der Anfrageinhalt ist zu groß', it: 'Il corpo della richiesta è troppo grande', ru: 'Тело запроса слишком велико' },
  unsupported_media_type: { de: 'Der Inhaltstyp wird nicht unterstützt', it: 'Tipo di contenuto non supportato', ru: 'Тип содержимого не поддерживается' },
  unauthenticated: { de: 'Anmeldung erforderlich', it: 'Autenticazione richiesta', ru: 'Требуется вход в систему' },
  forbidden: { de: 'Dazu fehlt Ihnen die Berechtigung', it: 'Non hai il permesso per questa operazione', ru: 'У вас нет прав на это действие' },
  csrf_failed: { de: 'Die CSRF-Prüfung ist fehlgeschlagen', it: 'Verifica CSRF non riuscita', ru: 'Проверка CSRF не пройдена' },
  not_found: { de: 'Der Datensatz wurde nicht gefunden', it: 'Record non trovato', ru: 'Запись не найдена' },
  method_not_allowed: { de: 'Diese Methode ist hier nicht erlaubt', it: 'Questo metodo non è consentito qui', ru: 'Этот метод здесь не разрешён' },
  conflict: { de: 'Die Anfrage steht im Konflikt mit dem aktuellen Zustand', it: 'La richiesta è in conflitto con lo stato attuale', ru: 'Запрос конфликтует с текущим состоянием' },
  version_conflict: { de: 'Der Datensatz wurde inzwischen von jemand anderem geändert', it: 'Il record è stato modificato da qualcun altro', ru: 'Запись была изменена другим пользователем' },
  precondition_required: { de: 'Für diese Änderung ist eine Version (If-Match) erforderlich', it: 'Per questa modifica serve una versione (If-Match)', ru: 'Для изменения требуется версия (If-Match)' },
  idempotency_key_reused: { de: 'Der Idempotency-Key wurde bereits für eine andere Anfrage verwendet', it: "L'Idempotency-Key è già stato usato per un'altra richiesta", ru: 'Idempotency-Key уже использован с другим запросом' },
  idempotency_key_in_progress: { de: 'Eine Anfrage mit diesem Idempotency-Key wird noch verarbeitet', it: 'Una richiesta con questo Idempotency-Key è ancora in corso', ru: 'Запрос с этим Idempotency-Key ещё обрабатывается' },
  invalid_idempotency_key: { de: 'Der Idempotency-Key-Header ist ungültig', it: "L'intestazione Idempotency-Key non è valida", ru: 'Заголовок Idempotency-Key некорректен' },
  business_rule_violated: { de: 'Die Anfrage verstößt gegen eine Geschäftsregel', it: 'La richiesta viola una regola aziendale', ru: 'Запрос нарушает бизнес-правило' },
  rate_limited: { de: 'Zu viele Anfragen', it: 'Troppe richieste', ru: 'Слишком много запросов' },
  setup_already_done: { de: 'Die Einrichtung wurde bereits abgeschlossen', it: 'La configurazione è già stata completata', ru: 'Настройка уже выполнена' },
  quote_link_invalid: { de: 'Dieser Angebotslink ist ungültig oder abgelaufen', it: "Questo link all'offerta non è valido o è scaduto", ru: 'Ссылка на предложение недействительна или истекла' },
};

/** Picks the first supported language from Accept-Language (q-values honoured). */
export function pickLocale(acceptLanguage: string | undefined, fallback: Locale = 'en'): Locale {
  if (!acceptLanguage) return fallback;
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^q=([\d.]+)$/.exec(p.trim())?.[1]).find(Boolean);
      return { lang: tag.toLowerCase().split('-')[0] ?? '', q: q ? Number(q) : 1 };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { lang } of ranked) {
    if ((LOCALES as readonly string[]).includes(lang)) return lang as Locale;
  }
  return fallback;
}
