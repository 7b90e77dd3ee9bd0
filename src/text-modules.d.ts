// Markdown files bundled as text (esbuild `text` loader; Jest transform in tests/support).
declare module "*.md" {
  const text: string;
  export default text;
}
