import type { SelfServiceTopic } from "./types";

// Text the demo world is written with: several languages, so the inbox's rendering, search and
// translation features meet real-looking input. Plain data; the generator decides how to use it.

export interface DemoProperty {
  id: number;
  name: string;
  timeZone: string;
  /** Fixed participant ids for the properties the seed documents show; others are generated. */
  participantId?: string;
  linkAllowlist: string[];
}

/** The account under test must NOT have access to this one (403 tests). */
export const NO_ACCESS_PROPERTY_ID = 9999001;

export const DEMO_PROPERTIES: DemoProperty[] = [
  // Demand API test property (D-MD try-out-messages).
  {
    id: 13921698,
    name: "Demand API Messaging Test Hotel",
    timeZone: "Europe/Amsterdam",
    participantId: "94914645-adbc-546b-a759-d1a1b48b6e1e",
    linkAllowlist: ["booking.com"],
  },
  {
    id: 2098153,
    name: "Demand API Test Hotel",
    timeZone: "Europe/Amsterdam",
    participantId: "6c22a16d-a3bd-5f5b-82d9-ce1030f21b1f",
    linkAllowlist: ["booking.com"],
  },
  { id: 6819547, name: "Casa do Rio Lisboa", timeZone: "Europe/Lisbon", linkAllowlist: ["booking.com", "casadorio.example"] },
  // The Connectivity examples' property (managing-conversations page).
  {
    id: 6378711,
    name: "Test Property",
    timeZone: "Europe/Berlin",
    participantId: "9f6be5fd-b3a8-5691-9cf9-9ab6c6217327",
    linkAllowlist: ["booking.com"],
  },
  { id: 1383087, name: "Hotel Sakura Kyoto", timeZone: "Asia/Tokyo", linkAllowlist: ["booking.com"] },
  { id: 4412087, name: "Harbor View Inn", timeZone: "America/New_York", linkAllowlist: ["booking.com", "harborview.example"] },
  { id: 5530921, name: "Pousada Sol Nascente", timeZone: "America/Sao_Paulo", linkAllowlist: [] },
  { id: NO_ACCESS_PROPERTY_ID, name: "Sandbox No-Access Hotel", timeZone: "Australia/Sydney", linkAllowlist: ["booking.com"] },
];

export interface LanguagePack {
  code: string;
  firstNames: string[];
  lastNames: string[];
  guestMessages: string[];
  propertyReplies: string[];
  /** {guest} {hotel} {checkin} */
  welcome: string;
}

export const LANGUAGES: LanguagePack[] = [
  {
    code: "en",
    firstNames: ["Ada", "James", "Olivia", "Noah", "Emma", "Liam", "Grace", "Henry"],
    lastNames: ["Lovelace", "Smith", "Johnson", "Brown", "Taylor", "Wilson", "Clarke", "Evans"],
    guestMessages: [
      "Hi! What time is check-in? Is there parking available on-site?",
      "We will arrive late, around 11 pm. Is that OK?",
      "Could we have a quiet room on a high floor, please?",
      "Is breakfast included in our booking?",
      "Can you recommend a restaurant nearby? I found this one: https://www.tripadvisor.com/Restaurant-123",
      "Thank you, see you soon!",
    ],
    propertyReplies: [
      "Check-in is from 3 pm. Parking is available for 15 EUR per night.",
      "No problem, our reception is open 24 hours.",
      "We have noted your request for a quiet room.",
      "Breakfast is served from 7 to 10:30 in the lobby.",
      "Here is our guide to the neighbourhood: https://www.booking.com/guides/city",
    ],
    welcome: "Hello {guest}, thanks for booking {hotel}! We are happy to see you on {checkin}. Best, {hotel}",
  },
  {
    code: "de",
    firstNames: ["Lukas", "Anna", "Felix", "Marie", "Jonas", "Lea"],
    lastNames: ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Wagner"],
    guestMessages: [
      "Guten Tag, können wir schon um 12 Uhr einchecken?",
      "Gibt es einen Parkplatz am Hotel?",
      "Wir bringen einen kleinen Hund mit. Ist das in Ordnung?",
      "Vielen Dank für die schnelle Antwort!",
    ],
    propertyReplies: [
      "Ein früher Check-in ist ab 13 Uhr möglich, sofern das Zimmer frei ist.",
      "Ja, unsere Garage kostet 12 EUR pro Nacht.",
      "Haustiere sind willkommen (10 EUR pro Nacht).",
    ],
    welcome: "Hallo {guest}, vielen Dank für Ihre Buchung im {hotel}! Wir freuen uns auf Sie am {checkin}.",
  },
  {
    code: "fr",
    firstNames: ["Camille", "Louis", "Chloé", "Hugo", "Manon"],
    lastNames: ["Dubois", "Martin", "Bernard", "Lefèvre", "Moreau"],
    guestMessages: [
      "Bonjour, est-il possible d'avoir un lit bébé ?",
      "Nous arriverons vers 22h, la réception sera-t-elle ouverte ?",
      "Y a-t-il une navette depuis l'aéroport ?",
      "Merci beaucoup !",
    ],
    propertyReplies: [
      "Bien sûr, un lit bébé sera installé dans votre chambre.",
      "La réception est ouverte jusqu'à minuit.",
      "Oui, la navette coûte 20 EUR par trajet.",
    ],
    welcome: "Bonjour {guest}, merci d'avoir réservé au {hotel} ! Nous vous attendons le {checkin}.",
  },
  {
    code: "es",
    firstNames: ["Lucía", "Mateo", "Sofía", "Hugo", "Valentina"],
    lastNames: ["García", "Fernández", "López", "Martínez", "Sánchez"],
    guestMessages: [
      "Hola, ¿podemos dejar las maletas antes del check-in?",
      "¿El desayuno está incluido?",
      "Llegaremos tarde por el vuelo, ¿hay problema?",
      "¡Gracias por todo!",
    ],
    propertyReplies: [
      "Sí, pueden dejar el equipaje en recepción desde las 8:00.",
      "El desayuno cuesta 12 EUR por persona.",
      "No hay problema, la recepción está abierta 24 horas.",
    ],
    welcome: "Hola {guest}, ¡gracias por reservar en {hotel}! Le esperamos el {checkin}.",
  },
  {
    code: "it",
    firstNames: ["Giulia", "Marco", "Francesca", "Luca"],
    lastNames: ["Rossi", "Russo", "Ferrari", "Esposito"],
    guestMessages: [
      "Buongiorno, è possibile fare il check-in anticipato?",
      "C'è il Wi-Fi gratuito in camera?",
      "Grazie mille per l'aiuto!",
    ],
    propertyReplies: ["Certo, il check-in anticipato è possibile dalle 11.", "Sì, il Wi-Fi è gratuito in tutta la struttura."],
    welcome: "Ciao {guest}, grazie per aver prenotato presso {hotel}! Ti aspettiamo il {checkin}.",
  },
  {
    code: "nl",
    firstNames: ["Sanne", "Daan", "Emma", "Bram"],
    lastNames: ["de Jong", "Jansen", "de Vries", "Bakker"],
    guestMessages: ["Hallo, kunnen we fietsen huren bij het hotel?", "Hoe laat is het ontbijt?", "Bedankt!"],
    propertyReplies: ["Ja, fietsen kosten 12 EUR per dag.", "Het ontbijt is van 7:00 tot 10:00."],
    welcome: "Hallo {guest}, bedankt voor je boeking bij {hotel}! We zien je graag op {checkin}.",
  },
  {
    code: "pt",
    firstNames: ["Beatriz", "João", "Inês", "Tiago"],
    lastNames: ["Silva", "Santos", "Ferreira", "Costa"],
    guestMessages: [
      "Olá, o quarto tem varanda?",
      "Podem reservar um táxi do aeroporto para nós?",
      "Obrigada pela ajuda!",
    ],
    propertyReplies: ["Sim, todos os quartos superiores têm varanda.", "Claro, o táxi custa 25 EUR."],
    welcome: "Olá {guest}, obrigado por reservar no {hotel}! Esperamos por si no dia {checkin}.",
  },
  {
    code: "ja",
    firstNames: ["Yuki", "Haruto", "Sakura", "Ren"],
    lastNames: ["Tanaka", "Suzuki", "Takahashi", "Watanabe"],
    guestMessages: ["こんにちは。チェックインは何時からですか？", "駐車場はありますか？", "ありがとうございました。"],
    propertyReplies: ["チェックインは15時からです。", "はい、1泊1,500円でご利用いただけます。"],
    welcome: "{guest}様、{hotel}をご予約いただきありがとうございます。{checkin}にお会いできるのを楽しみにしております。",
  },
];

/** What a self-service request reads like in `content` (Booking writes these on the guest's behalf). */
export const SELF_SERVICE_CONTENT: Record<SelfServiceTopic, string> = {
  checkin: "The guest has requested to check in between 14:00 and 15:00.",
  checkout: "The guest has requested to check out between 11:00 and 12:00.",
  change_dates_nr:
    "From Booking.com: This guest wants to modify their booking dates. Please respond via the extranet, as this request cannot be answered through the Messaging API.",
  cancel_booking: "From Booking.com: This guest has asked to cancel their booking free of charge.",
  booking_basic_waive_fee:
    "From Booking.com: This guest wants to cancel for less. Please respond via the extranet, as this request cannot be answered through the Messaging API.",
  parking: "The guest has requested a parking space.",
  free_text_parking: "The guest asked: Is there parking for a camper van?",
  bed_type: "The guest has requested a double bed.",
  extra_crib: "The guest has requested an extra crib.",
  extra_bed: "The guest has requested an extra bed.",
};

export const REQUEST_TO_BOOK_EVENTS = {
  requested: "Request to book: the guest has sent a booking request.",
  accepted: "Request to book: accepted by the property.",
  confirmed: "Request to book: confirmed by the guest. The reservation has been created.",
  rejected: "Request to book: rejected by the property.",
} as const;

export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}
