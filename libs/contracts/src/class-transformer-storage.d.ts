// class-transformer keeps its decorator metadata in this module but publishes no types for the path.
declare module 'class-transformer/cjs/storage.js' {
  export { defaultMetadataStorage } from 'class-transformer/types/storage';
}
