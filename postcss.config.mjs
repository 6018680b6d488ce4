// Why: Tailwind 4 runs as a PostCSS plugin for the console's styles.
const config = {
  plugins: { "@tailwindcss/postcss": {} },
};

export default config;
