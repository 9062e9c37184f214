import { useEffect, useState } from 'react';
import { getJson, type ApiError, type Params } from './api';

export interface Loaded<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
}

/** Fetches path+params whenever they change; `skip` leaves it idle. */
export function useApi<T>(path: string, params: Params = {}, skip = false): Loaded<T> {
  const key = JSON.stringify([path, params, skip]);
  const [state, setState] = useState<Loaded<T>>({ data: undefined, error: undefined, loading: !skip });
  useEffect(() => {
    if (skip) {
      setState({ data: undefined, error: undefined, loading: false });
      return;
    }
    let live = true;
    setState((s) => ({ data: s.data, error: undefined, loading: true }));
    getJson<T>(path, params).then(
      (data) => live && setState({ data, error: undefined, loading: false }),
      (error: ApiError) => live && setState({ data: undefined, error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [key]);
  return state;
}
