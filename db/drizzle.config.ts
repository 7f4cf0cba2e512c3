import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: [
    './src/people.ts',
    './src/learning.ts',
    './src/admissions.ts',
    './src/extra-education.ts',
    './src/analytics.ts',
    './src/communication.ts',
  ],
  out: './migrations',
  schemaFilter: ['people', 'learning', 'admissions', 'extra_education', 'analytics'],
});
