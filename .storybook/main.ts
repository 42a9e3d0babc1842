import type { StorybookConfig } from '@storybook/web-components-vite';

const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.ts', '../stories/**/*.mdx'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  // Offline machines: no telemetry, no "what's new" fetch, no crash reports (each tries the network and waits).
  core: { disableTelemetry: true, disableWhatsNewNotifications: true, enableCrashReports: false },
  // Storybook's own preview bundle is large by nature; the element's size budget is checked elsewhere (test:size).
  viteFinal: (config) => ({ ...config, build: { ...config.build, chunkSizeWarningLimit: 2048 } }),
};

export default config;
