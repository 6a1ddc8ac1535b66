import { getMetadataStorage } from 'class-validator';

type MetadataStorage = ReturnType<typeof getMetadataStorage>;
type Lookup = MetadataStorage['getTargetValidationMetadatas'];

let cached = false;

/**
 * class-validator 0.15 resolves a class's rules on every validation, nested objects included, by testing every
 * decorated class of the process for inheritance (typestack/class-validator#2686, open). That scan was the
 * largest single cost of decoding an event: ~10 % of a consumer's CPU at 500 visits/s. Rules only change when a
 * class is declared, so this remembers each answer and forgets them all whenever a rule is added. Idempotent.
 */
export function cacheValidationMetadata(): void {
  if (cached) return;
  cached = true;
  const storage = getMetadataStorage();
  const lookup: Lookup = storage.getTargetValidationMetadatas.bind(storage);
  const add = storage.addValidationMetadata.bind(storage);
  let answers = new WeakMap<object, Map<string, ReturnType<Lookup>>>();

  storage.addValidationMetadata = (metadata) => {
    answers = new WeakMap();
    add(metadata);
  };
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const key = `${schema}\u0000${always}\u0000${strictGroups}\u0000${groups?.join('\u0001') ?? ''}`;
    let byOptions = answers.get(target);
    if (!byOptions) answers.set(target, (byOptions = new Map<string, ReturnType<Lookup>>()));
    let answer = byOptions.get(key);
    if (!answer) byOptions.set(key, (answer = lookup(target, schema, always, strictGroups, groups)));
    return answer;
  };
}
