import { toNextJsHandler } from 'better-auth/next-js';
import { auth } from '@/lib/auth/server';

export const { GET, POST, PATCH, PUT, DELETE } = toNextJsHandler((request) => auth().handler(request));
