/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // forbidden() renders app/forbidden.tsx with a 403 for pages a role may not open.
  experimental: { authInterrupts: true },
  // lib/engine is a plain library; the kubesim CLI and benches are not part of the site build.
  outputFileTracingExcludes: { '*': ['.data/**'] },
};

export default nextConfig;
