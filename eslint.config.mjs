// Lint: typescript-eslint's recommended rules plus Nx module boundaries on two axes.
// type:codec  - pure codecs (wire formats); depend on nothing but other codecs.
// type:logic  - framework-free logic; may use codecs and other logic, never NestJS.
// type:service, type:connector - the shells and plugins; never imported by libs.
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

export default [
  { ignores: ['**/node_modules/**', '**/dist/**', 'bin/**', 'scripts/**', '.nx/**', '.tributary/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': moduleBoundaries({ specs: false }),
    },
  },
  {
    // Specs may start real things through libs/testing (a broker process, temp dirs); the
    // libraries themselves may not.
    files: ['**/*.spec.ts'],
    rules: { '@nx/enforce-module-boundaries': moduleBoundaries({ specs: true }) },
  },
];

function moduleBoundaries({ specs }) {
  const testing = specs ? ['type:testing'] : [];
  return [
    'error',
    {
      enforceBuildableLibDependency: false,
      allow: [],
      // The CLI loads each service only when its command runs; test fixtures import them directly.
      checkDynamicDependenciesExceptions: ['@tributary/control-plane', '@tributary/schema-registry', '@tributary/broker', '@tributary/stack'],
      depConstraints: [
        { sourceTag: 'type:codec', onlyDependOnLibsWithTags: ['type:codec', ...testing],
          bannedExternalImports: ['@nestjs/*'] },
        { sourceTag: 'type:logic', onlyDependOnLibsWithTags: ['type:codec', 'type:logic', ...testing],
          bannedExternalImports: ['@nestjs/*'] },
        { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:codec', 'type:logic', 'type:testing'] },
        // Connectors share connectors/contract, and connectors/registry lists the connectors.
        { sourceTag: 'type:connector', onlyDependOnLibsWithTags: ['type:codec', 'type:logic', 'type:connector', 'type:testing'] },
        { sourceTag: 'type:service', onlyDependOnLibsWithTags: ['type:codec', 'type:logic', 'type:connector', 'type:service', 'type:testing'] },
        { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
      ],
    },
  ];
}
