import type { Meta } from '@storybook/web-components-vite';
import {
  CHOSEN,
  enrolArgs,
  enrolArgTypes,
  enrolIn,
  inDanish,
  inEnglish,
  renderEnrol,
  type EnrolArgs,
  type EnrolStory,
} from './support/enrol.js';

/**
 * `<mitid-enrol>`: getting MitID in the net bank, the brochure's steps 2 to 7 (docs/enrol.md). The tables on this
 * page come from custom-elements.json. Every story runs on the in-memory enrolment broker from
 * `mitid-login/testing` (`FakeEnrolBroker`), never the network: a story opens at the step its enrolment has
 * reached, as a reload would, and its play function takes the rest (types, ticks, sends) the way a person would.
 * Every state is here in Danish and in English.
 */
const meta: Meta<EnrolArgs> = {
  title: 'mitid-enrol',
  component: 'mitid-enrol',
  tags: ['autodocs'],
  args: enrolArgs,
  argTypes: enrolArgTypes,
  render: renderEnrol,
};
export default meta;

/** Try it: every step, from the terms. The code from "the device" can be any 6 digits. */
export const Playground: EnrolStory = {};

const app = { ...CHOSEN, method: 'app' as const };
const codeDisplay = { ...CHOSEN, method: 'code-display' as const };

/** Step 2: the terms, with what MitID promises (you are always told when it is activated on a new device). */
const terms: EnrolStory = {};

/** Step 2, sent without the tick. */
const termsMissing: EnrolStory = {
  play: async ({ canvasElement }) => {
    const user = await enrolIn(canvasElement);
    await user.send();
    user.expectStep('terms');
    user.expectProblem();
  },
};

/** Step 3: the app for most, a code display, an audio code reader for people with low vision, or a chip. */
const method: EnrolStory = { parameters: { enrolment: { terms_accepted_at: CHOSEN.terms_accepted_at } } };

/** Step 4: contact details for notices, at least one. */
const contact: EnrolStory = {
  parameters: { enrolment: { terms_accepted_at: CHOSEN.terms_accepted_at, method: 'app' } },
};

/** Step 4, sent with an e-mail address that cannot be used (caught before anything is sent). */
const contactInvalid: EnrolStory = {
  ...contact,
  play: async ({ canvasElement }) => {
    const user = await enrolIn(canvasElement);
    user.fill('email', 'maja.holm@');
    await user.send();
    user.expectStep('contact');
    user.expectProblem();
  },
};

const userIdStep = { enrolment: { ...app, user_id: undefined } };

/** Step 5: choose a user ID, with the rules said beside the field. */
const userId: EnrolStory = { parameters: userIdStep };

/** Step 5: a CPR number, in any of its shapes, is refused at the field before anything is sent. */
const userIdCpr: EnrolStory = {
  parameters: userIdStep,
  play: async ({ canvasElement }) => {
    const user = await enrolIn(canvasElement);
    user.fill('user_id', '010203-1234');
    await user.send();
    user.expectStep('user-id');
    user.expectProblem();
    if (user.broker.posted('user-id').length > 0) throw new Error('the CPR number was sent');
  },
};

/** Step 5: the broker refuses the customer's name (it knows the name; the page does not). */
const userIdName: EnrolStory = {
  parameters: { ...userIdStep, refuse: { 'user-id': { status: 400, code: 'user_id_refused', reason: 'name' } } },
  play: async ({ canvasElement }) => {
    const user = await enrolIn(canvasElement);
    user.fill('user_id', 'MajaHolm');
    await user.send();
    user.expectStep('user-id');
    user.expectProblem();
  },
};

/** Step 5: someone else has the user ID (or another enrolment holds it). */
const userIdTaken: EnrolStory = {
  parameters: { ...userIdStep, refuse: { 'user-id': { status: 409, code: 'user_id_taken' } } },
  play: async ({ canvasElement }) => {
    const user = await enrolIn(canvasElement);
    user.fill('user_id', 'Sol.og.Hav77');
    await user.send();
    user.expectStep('user-id');
    user.expectProblem();
  },
};

/** Step 6 with the app: get it, on several devices as a backup; a household may share one. */
const getApp: EnrolStory = { parameters: { enrolment: app } };

/** Step 7 with the app: the activation QR code, and its code as text for those who cannot scan. */
const activateApp: EnrolStory = {
  parameters: { enrolment: app },
  play: async ({ canvasElement }) => {
    const user = await enrolIn(canvasElement);
    await user.send();
    user.expectStep('activate');
    if (!user.element.shadowRoot?.querySelector('[part="qr"] svg')) throw new Error('no QR code');
  },
};

/** Step 6 with a code display: ordered by post (or fetched at Borgerservice). */
const orderDevice: EnrolStory = { parameters: { enrolment: codeDisplay } };

/** Step 6, ordered: the serial number the device carries. */
const deviceOrdered: EnrolStory = {
  parameters: { enrolment: codeDisplay },
  play: async ({ canvasElement }) => {
    const user = await enrolIn(canvasElement);
    await user.send();
    user.expectStep('get');
  },
};

const sent = (methodName: 'code-display' | 'code-reader') => ({
  enrolment: { ...CHOSEN, method: methodName, device: { method: methodName, serial: '1234-5678-01' } },
});

/** Step 7 with a code display: the serial number, the code it shows, and a new password. */
const activateDevice: EnrolStory = { parameters: sent('code-display') };

/** Step 7 with an audio code reader. */
const activateCodeReader: EnrolStory = { parameters: sent('code-reader') };

/** Step 7: a wrong code, with the tries left said (they count for the enrolment, over every try). */
const wrongCode: EnrolStory = {
  parameters: {
    ...sent('code-display'),
    refuse: { 'device/activate': { status: 400, code: 'wrong_code', attempts_left: 2 } },
  },
  play: async ({ canvasElement }) => {
    const user = await enrolIn(canvasElement);
    user.fill('serial', '1234-5678-01');
    user.fill('code', '123456');
    user.fill('password', 'Lang.Sommer.2026');
    await user.send();
    user.expectStep('activate');
    user.expectProblem();
  },
};

const chip = { ...CHOSEN, method: 'chip' as const };

/** Step 6 with a chip: bought in a shop or online (another FIDO security key works too). */
const getChip: EnrolStory = { parameters: { enrolment: chip } };

/** Step 7 with a chip: a password, then the browser's prompt for the key. */
const activateChip: EnrolStory = {
  parameters: { enrolment: chip },
  play: async ({ canvasElement }) => {
    const user = await enrolIn(canvasElement);
    await user.send();
    user.expectStep('activate');
  },
};

/** Step 7 with a chip: the browser's prompt cancelled (or timed out), said at the step; the password stays. */
const chipCancelled: EnrolStory = {
  parameters: { enrolment: chip },
  play: async ({ canvasElement }) => {
    const user = await enrolIn(canvasElement);
    await user.send();
    user.fill('password', 'Lang.Sommer.2026');
    // The story plays the prompt: cancelled, as a person pressing Cancel in it.
    const create = navigator.credentials.create.bind(navigator.credentials);
    navigator.credentials.create = () => Promise.reject(new DOMException('cancelled', 'NotAllowedError'));
    try {
      await user.send();
    } finally {
      navigator.credentials.create = create;
    }
    user.expectStep('activate');
    user.expectAlert();
  },
};

/** The end: the user ID said, and the promise of a notice for every new device. */
const done: EnrolStory = { parameters: { enrolment: { ...app, result: 'eyJ.story.result' } } };

/** An enrolment past its time, or cancelled: the bank starts a new one. */
const expired: EnrolStory = {
  play: async ({ canvasElement }) => {
    const user = await enrolIn(canvasElement);
    user.broker.cancelled = true;
    user.tick('terms');
    await user.send();
    user.expectStep('error');
    user.expectAlert();
  },
};

/** No connection when a step is sent: said at the step, what was typed kept for the next try. */
const offline: EnrolStory = {
  ...contact,
  play: async ({ canvasElement }) => {
    const user = await enrolIn(canvasElement);
    user.broker.offline = true;
    user.fill('email', 'maja.holm@eksempel.dk');
    await user.send();
    user.expectStep('contact');
    user.expectAlert();
  },
};

export const TermsDa = inDanish(terms);
export const TermsEn = inEnglish(terms);
export const TermsMissingDa = inDanish(termsMissing);
export const TermsMissingEn = inEnglish(termsMissing);
export const MethodDa = inDanish(method);
export const MethodEn = inEnglish(method);
export const ContactDa = inDanish(contact);
export const ContactEn = inEnglish(contact);
export const ContactInvalidDa = inDanish(contactInvalid);
export const ContactInvalidEn = inEnglish(contactInvalid);
export const UserIdDa = inDanish(userId);
export const UserIdEn = inEnglish(userId);
export const UserIdCprDa = inDanish(userIdCpr);
export const UserIdCprEn = inEnglish(userIdCpr);
export const UserIdNameDa = inDanish(userIdName);
export const UserIdNameEn = inEnglish(userIdName);
export const UserIdTakenDa = inDanish(userIdTaken);
export const UserIdTakenEn = inEnglish(userIdTaken);
export const GetAppDa = inDanish(getApp);
export const GetAppEn = inEnglish(getApp);
export const ActivateAppDa = inDanish(activateApp);
export const ActivateAppEn = inEnglish(activateApp);
export const OrderDeviceDa = inDanish(orderDevice);
export const OrderDeviceEn = inEnglish(orderDevice);
export const DeviceOrderedDa = inDanish(deviceOrdered);
export const DeviceOrderedEn = inEnglish(deviceOrdered);
export const ActivateDeviceDa = inDanish(activateDevice);
export const ActivateDeviceEn = inEnglish(activateDevice);
export const ActivateCodeReaderDa = inDanish(activateCodeReader);
export const ActivateCodeReaderEn = inEnglish(activateCodeReader);
export const WrongCodeDa = inDanish(wrongCode);
export const WrongCodeEn = inEnglish(wrongCode);
export const GetChipDa = inDanish(getChip);
export const GetChipEn = inEnglish(getChip);
export const ActivateChipDa = inDanish(activateChip);
export const ActivateChipEn = inEnglish(activateChip);
export const ChipCancelledDa = inDanish(chipCancelled);
export const ChipCancelledEn = inEnglish(chipCancelled);
export const DoneDa = inDanish(done);
export const DoneEn = inEnglish(done);
export const ExpiredDa = inDanish(expired);
export const ExpiredEn = inEnglish(expired);
export const OfflineDa = inDanish(offline);
export const OfflineEn = inEnglish(offline);
