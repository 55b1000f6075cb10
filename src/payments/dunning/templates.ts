import type { Language, NoticeTemplate } from '../tables.ts';

export type NoticeFacts = {
  accountName: string;
  invoiceNumber: string;
  dueDate: string;
  daysPastDue: number;
  amountDue: string;
};

type Template = { subject: (f: NoticeFacts) => string; body: (f: NoticeFacts) => string };

// One text per stage and language (en/de/it/ru, the languages of the web app). Plain text: the
// amount is already formatted for the language by render-notice.ts.
const TEMPLATES: Record<Language, Record<NoticeTemplate, Template>> = {
  en: {
    reminder: {
      subject: (f) => `Payment reminder: invoice ${f.invoiceNumber}`,
      body: (f) => `Dear ${f.accountName},\n\nour records show that invoice ${f.invoiceNumber}, due on ${f.dueDate}, still has ${f.amountDue} open. If you have already paid, please ignore this message.\n\nKind regards,\nAccounts receivable`,
    },
    second_reminder: {
      subject: (f) => `Second reminder: invoice ${f.invoiceNumber} is ${f.daysPastDue} days overdue`,
      body: (f) => `Dear ${f.accountName},\n\ninvoice ${f.invoiceNumber} (due ${f.dueDate}) is now ${f.daysPastDue} days overdue with ${f.amountDue} open. Please arrange payment promptly.\n\nKind regards,\nAccounts receivable`,
    },
    final_notice: {
      subject: (f) => `Final notice: invoice ${f.invoiceNumber}`,
      body: (f) => `Dear ${f.accountName},\n\ndespite our reminders, invoice ${f.invoiceNumber} (due ${f.dueDate}) remains unpaid: ${f.amountDue}. Without payment your account will be put on hold.\n\nAccounts receivable`,
    },
  },
  de: {
    reminder: {
      subject: (f) => `Zahlungserinnerung: Rechnung ${f.invoiceNumber}`,
      body: (f) => `Sehr geehrte Damen und Herren (${f.accountName}),\n\nlaut unseren Unterlagen ist die Rechnung ${f.invoiceNumber}, fällig am ${f.dueDate}, noch mit ${f.amountDue} offen. Falls Sie bereits bezahlt haben, betrachten Sie diese Nachricht bitte als gegenstandslos.\n\nMit freundlichen Grüßen\nDebitorenbuchhaltung`,
    },
    second_reminder: {
      subject: (f) => `Zweite Mahnung: Rechnung ${f.invoiceNumber} ist ${f.daysPastDue} Tage überfällig`,
      body: (f) => `Sehr geehrte Damen und Herren (${f.accountName}),\n\ndie Rechnung ${f.invoiceNumber} (fällig am ${f.dueDate}) ist seit ${f.daysPastDue} Tagen überfällig; offen sind ${f.amountDue}. Bitte begleichen Sie den Betrag umgehend.\n\nMit freundlichen Grüßen\nDebitorenbuchhaltung`,
    },
    final_notice: {
      subject: (f) => `Letzte Mahnung: Rechnung ${f.invoiceNumber}`,
      body: (f) => `Sehr geehrte Damen und Herren (${f.accountName}),\n\ntrotz unserer Erinnerungen ist die Rechnung ${f.invoiceNumber} (fällig am ${f.dueDate}) weiterhin unbezahlt: ${f.amountDue}. Ohne Zahlung wird Ihr Konto gesperrt.\n\nDebitorenbuchhaltung`,
    },
  },
  it: {
    reminder: {
      subject: (f) => `Promemoria di pagamento: fattura ${f.invoiceNumber}`,
      body: (f) => `Gentile ${f.accountName},\n\nrisulta ancora aperto un importo di ${f.amountDue} sulla fattura ${f.invoiceNumber}, scaduta il ${f.dueDate}. Se ha già provveduto al pagamento, non tenga conto di questo messaggio.\n\nCordiali saluti\nUfficio crediti`,
    },
    second_reminder: {
      subject: (f) => `Secondo sollecito: fattura ${f.invoiceNumber} scaduta da ${f.daysPastDue} giorni`,
      body: (f) => `Gentile ${f.accountName},\n\nla fattura ${f.invoiceNumber} (scadenza ${f.dueDate}) è scaduta da ${f.daysPastDue} giorni; importo aperto ${f.amountDue}. La preghiamo di provvedere al pagamento.\n\nCordiali saluti\nUfficio crediti`,
    },
    final_notice: {
      subject: (f) => `Ultimo avviso: fattura ${f.invoiceNumber}`,
      body: (f) => `Gentile ${f.accountName},\n\nnonostante i nostri solleciti, la fattura ${f.invoiceNumber} (scadenza ${f.dueDate}) risulta ancora non pagata: ${f.amountDue}. In mancanza di pagamento il suo account verrà sospeso.\n\nUfficio crediti`,
    },
  },
  ru: {
    reminder: {
      subject: (f) => `Напоминание об оплате: счёт ${f.invoiceNumber}`,
      body: (f) => `Уважаемый клиент (${f.accountName}),\n\nпо нашим данным, по счёту ${f.invoiceNumber} со сроком оплаты ${f.dueDate} остаётся неоплаченной сумма ${f.amountDue}. Если вы уже оплатили счёт, просто проигнорируйте это письмо.\n\nС уважением,\nотдел расчётов`,
    },
    second_reminder: {
      subject: (f) => `Повторное напоминание: счёт ${f.invoiceNumber} просрочен на ${f.daysPastDue} дн.`,
      body: (f) => `Уважаемый клиент (${f.accountName}),\n\nсчёт ${f.invoiceNumber} (срок оплаты ${f.dueDate}) просрочен на ${f.daysPastDue} дн.; к оплате ${f.amountDue}. Просим оплатить его в ближайшее время.\n\nС уважением,\nотдел расчётов`,
    },
    final_notice: {
      subject: (f) => `Последнее уведомление: счёт ${f.invoiceNumber}`,
      body: (f) => `Уважаемый клиент (${f.accountName}),\n\nнесмотря на наши напоминания, счёт ${f.invoiceNumber} (срок оплаты ${f.dueDate}) не оплачен: ${f.amountDue}. Без оплаты ваш аккаунт будет заблокирован.\n\nОтдел расчётов`,
    },
  },
};

export function renderTemplate(language: Language, template: NoticeTemplate, facts: NoticeFacts): { subject: string; body: string } {
  const chosen = TEMPLATES[language][template];
  return { subject: chosen.subject(facts), body: chosen.body(facts) };
}
