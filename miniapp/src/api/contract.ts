/*
 * The API's contract as the app sees it, read from the server's own route specs
 * (functions/routes.ts): a path names its method, what it takes (z.input of its query or body)
 * and what it answers (z.output of its response). Type-only: the import below is erased by the
 * build, and eslint refuses a value import of server code anywhere in the app.
 */
import type { z } from '@shared/zod'
import type { ApiRoute } from '../../../functions/routes'
import type { Checked } from './light'
import { request, type QueryValue } from './request'

type RouteAt<P> = Extract<ApiRoute, { path: P }>
export type GetPath = Extract<ApiRoute, { method: 'GET' }>['path']
export type PostPath = Extract<ApiRoute, { method: 'POST' }>['path']
export type ApiPath = GetPath | PostPath

/**
 * What the route takes in its query string / JSON body, before the server's parsing. A query
 * field the server coerces (a number read from text) takes any value a URL can carry.
 */
export type QueryOf<P extends ApiPath> = InUrl<z.input<NonNullable<RouteAt<P>['query']>>>
type InUrl<Q> = [Q] extends [undefined] ? undefined : { [K in keyof Q]: Q[K] extends QueryValue ? Q[K] : QueryValue }
export type BodyOf<P extends ApiPath> = z.input<NonNullable<RouteAt<P>['body']>>
/** What a success answers, after parsing. */
export type OutputOf<P extends ApiPath> = z.output<RouteAt<P>['response']>

/** A route without a query (or body) takes none; with one, it must be given. */
type Given<K extends string, T> = [T] extends [undefined] ? { [key in K]?: undefined } : { [key in K]: T }

interface Checks<P extends ApiPath> {
  /** The schema the app checks the answer with (the shared one, or its light form): it must answer the route's output. */
  schema: Checked<OutputOf<P>>
}

export type GetOptions<P extends GetPath> = Checks<P> & Given<'query', QueryOf<P>>

export type PostOptions<P extends PostPath> = Checks<P> &
  Given<'body', BodyOf<P>> & {
    /** As in request(): false for a login and for writes that are upserts by nature. */
    idempotencyKey?: false
    /** As in request(): names a write whose body is too big to keep (a photo). */
    intent?: string
  }

/** Reads a GET route, typed by its path. */
export function get<P extends GetPath>(path: P, options: GetOptions<P>): Promise<OutputOf<P>> {
  return request({ path, query: options.query, schema: options.schema })
}

/** Sends a POST route, typed by its path; keys, retries and offline handling are request()'s. */
export function post<P extends PostPath>(path: P, options: PostOptions<P>): Promise<OutputOf<P>> {
  const { body, schema, idempotencyKey, intent } = options
  return request({ path, method: 'POST', body, schema, idempotencyKey, intent })
}
