import { describe, expect, it } from 'vitest';
import { matchRoute, paths } from './routes.js';

describe('matchRoute', () => {
  it('treats unknown, too deep and malformed paths as not found', () => {
    expect(matchRoute('/okand')).toEqual({ page: 'not-found' });
    expect(matchRoute('/erbjudanden/a/b')).toEqual({ page: 'not-found' });
    expect(matchRoute('/erbjudanden/%E0%A4%A')).toEqual({ page: 'not-found' });
    expect(matchRoute('/erbjudanden/Stora_Bokstäver')).toEqual({ page: 'not-found' });
    expect(matchRoute('/strategier/x')).toEqual({ page: 'not-found' });
    expect(matchRoute('/tillganglighet/x')).toEqual({ page: 'not-found' });
  });

  it('finds every page by its Swedish path, with or without a trailing slash', () => {
    expect(matchRoute('/')).toEqual({ page: 'start' });
    expect(matchRoute('/erbjudanden')).toEqual({ page: 'offerings' });
    expect(matchRoute('/erbjudanden/')).toEqual({ page: 'offerings' });
    expect(matchRoute('/erbjudanden/almi-lan')).toEqual({ page: 'offering', id: 'almi-lan' });
    expect(matchRoute('/organisationer')).toEqual({ page: 'organisations' });
    expect(matchRoute('/organisationer/botkyrka-kommun')).toEqual({ page: 'organisation', id: 'botkyrka-kommun' });
    expect(matchRoute('/strategier')).toEqual({ page: 'strategies' });
    expect(matchRoute('/tillganglighet')).toEqual({ page: 'accessibility' });
    expect(matchRoute(paths.knowledge)).toEqual({ page: 'knowledge' });
    expect(matchRoute('/admin')).toEqual({ page: 'not-found' });
  });

  it('reads back the paths it builds', () => {
    expect(matchRoute(paths.offering('rise-testbadd'))).toEqual({ page: 'offering', id: 'rise-testbadd' });
    expect(matchRoute(paths.organisation('rise'))).toEqual({ page: 'organisation', id: 'rise' });
  });
});

describe('matchRoute for cases', () => {
  const token = 'Ab3_-xYz'.repeat(6).slice(0, 43);

  it('finds Mina ärenden, the staff inbox and their case pages', () => {
    const id = '0b6f3c1e-2d4a-4c5b-9e8f-7a6b5c4d3e2f';
    expect(matchRoute('/mina-arenden')).toEqual({ page: 'my-cases' });
    expect(matchRoute(paths.myCase(id))).toEqual({ page: 'my-case', id });
    expect(matchRoute('/handlaggning/')).toEqual({ page: 'inbox' });
    expect(matchRoute(paths.staffCase(id))).toEqual({ page: 'staff-case', id });
  });

  it('reads a follow link with its mixed-case token, and nothing shorter, longer or deeper', () => {
    expect(matchRoute(paths.followCase(token))).toEqual({ page: 'follow-case', token });
    expect(matchRoute(`/folj/${token}/`)).toEqual({ page: 'follow-case', token });
    expect(matchRoute(`/folj/${token.slice(1)}`)).toEqual({ page: 'not-found' });
    expect(matchRoute(`/folj/${token}x`)).toEqual({ page: 'not-found' });
    expect(matchRoute(`/folj/${token}/x`)).toEqual({ page: 'not-found' });
    expect(matchRoute('/folj')).toEqual({ page: 'not-found' });
  });
});

describe('matchRoute for establishment and events', () => {
  it('finds the sites, a site, the events, an event, the organisers’ page and the pipeline', () => {
    const id = '0b6f3c1e-2d4a-4c5b-9e8f-7a6b5c4d3e2f';
    expect(matchRoute('/etablering')).toEqual({ page: 'sites' });
    expect(matchRoute(paths.site('sodra-porten'))).toEqual({ page: 'site', id: 'sodra-porten' });
    expect(matchRoute('/evenemang/')).toEqual({ page: 'events' });
    expect(matchRoute(paths.event(id))).toEqual({ page: 'event', id });
    expect(matchRoute(paths.organiseEvents)).toEqual({ page: 'organise-events' });
    expect(matchRoute('/investeringar')).toEqual({ page: 'inquiries' });
    expect(matchRoute(paths.inquiry(id))).toEqual({ page: 'inquiry', id });
  });

  it('reads a cancel link with its 64-character token, and nothing without one', () => {
    const token = 'a1'.repeat(32);
    expect(matchRoute(paths.cancelRegistration(token))).toEqual({ page: 'cancel-registration', token });
    expect(matchRoute('/avbokning')).toEqual({ page: 'not-found' });
    expect(matchRoute(`/avbokning/${token}/x`)).toEqual({ page: 'not-found' });
  });
});
