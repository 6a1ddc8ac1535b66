import { getMetadataStorage } from 'class-validator';

type MetadataStorage = ReturnType<typeof getMetadataStorage>;
type Lookup = MetadataStorage['getTargetValidationMetadatas'];
type Rules = ReturnType<Lookup>;
type Grouped = ReturnType<MetadataStorage['groupByPropertyName']>;

let cached = false;

/**
 * class-validator 0.15 resolves a class's rules on every validation, nested objects included, by testing every
 * decorated class of the process for inheritance (typestack/class-validator#2686, open). That scan was the
 * largest single cost of decoding an event: ~10 % of a consumer's CPU at 500 visits/s. Rules only change when a
 * class is declared, so this remembers each answer and forgets them all whenever a rule is added. The grouping of
 * an answer by property, also redone on every validation, is remembered with the answer. Idempotent.
 */
export function cacheValidationMetadata(): void {
  if (cached) return;
  cached = true;
  const storage = getMetadataStorage();
  const lookup: Lookup = storage.getTargetValidationMetadatas.bind(storage);
  const groupByProperty = storage.groupByPropertyName.bind(storage);
  const add = storage.addValidationMetadata.bind(storage);
  // Validation without groups or schema (every call here) skips building a key.
  let plainAnswers = new WeakMap<object, Rules>();
  let answers = new WeakMap<object, Map<string, Rules>>();
  const groupings = new WeakMap<Rules, Grouped>();

  storage.addValidationMetadata = (metadata) => {
    plainAnswers = new WeakMap();
    answers = new WeakMap();
    add(metadata);
  };
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    if (!schema && !always && !strictGroups && !groups?.length) {
      let answer = plainAnswers.get(target);
      if (!answer) plainAnswers.set(target, (answer = lookup(target, schema, always, strictGroups, groups)));
      return answer;
    }
    const key = `${schema}\u0000${always}\u0000${strictGroups}\u0000${groups?.join('\u0001') ?? ''}`;
    let byOptions = answers.get(target);
    if (!byOptions) answers.set(target, (byOptions = new Map<string, Rules>()));
    let answer = byOptions.get(key);
    if (!answer) byOptions.set(key, (answer = lookup(target, schema, always, strictGroups, groups)));
    return answer;
  };
  // Keyed by the answer itself: an answer given before a rule was added is never reused, nor is its grouping.
  storage.groupByPropertyName = (rules) => {
    let grouped = groupings.get(rules);
    if (!grouped) groupings.set(rules, (grouped = groupByProperty(rules)));
    return grouped;
  };
}
