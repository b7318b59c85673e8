// Valid requests and responses, taken from the specs' own examples.
export const ID = 'c22d24f6-5a47-4597-9a23-c7d01e696b92';
export const ADDRESS = 'a46e1381-21cf-46c9-bfed-576eb3b96370';
export const guestBody = { allowed_addresses: [ADDRESS] };
export const tokenPair = { token: 'eyJhbGciOiJkaXIifQ..a.b.c', refresh_token: 'eyJhbGciOiJkaXIifQ..d.e.f' };
export const conferenceToken = { id: ID, name: 'My First Token', token: 'vpt_62c65414de4d067d07415a7ced8183be', scopes: ['room.member.audio_mute'] };
