// Relevance over the shipped guide: each query must bring its page into the top 3.
// Queries are what readers type: names, half-remembered phrases, identifiers, typos.
"use strict";
const test = require("node:test");
const assert = require("node:assert");
const { openIndex, urlOf, topUrls } = require("./helpers.js");

// [query, content file (or files, any of which may satisfy it)]
const CASES = [
  ["mutable default", "topics/python-language/mutable-default-arguments.md"],
  ["url shortner", "topics/system-design/url-shortener.md"], // typo
  ["heapq", "topics/algorithms/top-k-frequent-elements.md"], // the example
  ["heapq nlargest", "topics/algorithms/top-k-frequent-elements.md"],
  ["top k frequent", "topics/algorithms/top-k-frequent-elements.md"],
  ["STAR", "topics/behavioral/_topic.md"],
  ["GIL", "topics/python-language/the-gil.md"],
  ["lru ttl", ["topics/python-language/ttl-cache-decorator.md", "pages/projects.md"]],
  ["lru_cache", "topics/python-language/ttl-cache-decorator.md"],
  ["ordereddict lru", "topics/algorithms/lru-cache-ordereddict.md"],
  ["asyncio.Semaphore", ["topics/concurrency/asyncio-primitives.md", "topics/concurrency/async-web-scraper-rate-limited.md"]],
  ["token bucket", "topics/concurrency/rate-limiter-token-bucket.md"],
  ["dijkstra", "topics/algorithms/dijkstra-shortest-path.md"],
  ["dijkstra shortest path", "topics/algorithms/dijkstra-shortest-path.md"],
  ["topological sort", "topics/algorithms/course-schedule-topological-sort.md"],
  ["levenshtein", "topics/algorithms/edit-distance.md"],
  ["trie autocomplete", "topics/algorithms/implement-trie.md"],
  ["memoization", "topics/algorithms/climbing-stairs-and-memoization.md"],
  ["sliding window maximum", "topics/algorithms/sliding-window-maximum.md"],
  ["linked list cycle", "topics/algorithms/linked-list-cycle.md"],
  ["anagrams", "topics/algorithms/group-anagrams.md"],
  ["binary search tree", "topics/algorithms/validate-bst.md"],
  ["parentheses", "topics/algorithms/valid-parentheses.md"],
  ["deepcopy", "topics/python-language/shallow-vs-deep-copy.md"],
  ["late binding closures lambda", "topics/python-language/late-binding-closures.md"],
  ["__slots__", "topics/python-language/slots-and-memory.md"],
  ["dunder methods", "topics/python-language/data-model-dunder-methods.md"],
  ["yield from", "topics/python-language/generators-and-yield.md"],
  ["contextmanager exitstack", "topics/python-language/context-managers.md"],
  ["kwargs keyword-only", "topics/python-language/args-kwargs-and-keyword-only.md"],
  ["itertools groupby", "topics/python-language/itertools-essentials.md"],
  ["descriptors", "topics/python-language/descriptors-and-properties.md"],
  ["namedtuple dataclass", "topics/python-language/dataclasses-vs-namedtuple.md"],
  ["timing decorator", "topics/python-language/write-a-timing-decorator.md"],
  ["threading vs multiprocessing", "topics/concurrency/threading-vs-multiprocessing.md"],
  ["producer consumer", "topics/concurrency/producer-consumer-queue.md"],
  ["cancellation timeout", "topics/concurrency/asyncio-cancellation-and-timeouts.md"],
  ["race condition", "topics/concurrency/thread-safe-counter-and-locks.md"],
  ["pytest fixtures", "topics/testing-debugging/pytest-fixtures.md"],
  ["parametrize", "topics/testing-debugging/pytest-fundamentals.md"],
  ["tracemalloc", "topics/testing-debugging/find-memory-leak-with-tracemalloc.md"],
  ["cprofile", "topics/testing-debugging/profiling-with-cprofile.md"],
  ["unittest.mock patch", "topics/testing-debugging/mocking-with-unittest-mock.md"],
  ["sharding", "topics/system-design/data-partitioning-and-sharding.md"],
  ["quorum", "topics/system-design/consistency-models.md"],
  ["rest api pagination", "topics/system-design/design-a-rest-api.md"],
  ["job queue", "topics/system-design/design-a-job-queue.md"],
  ["tell me about yourself", "topics/behavioral/tell-me-about-yourself.md"],
  ["critical feedback", "topics/behavioral/receiving-critical-feedback.md"],
  ["questions to ask the interviewer", "pages/questions-to-ask.md"],
  ["memoisation", "topics/algorithms/climbing-stairs-and-memoization.md"], // British spelling: one edit
  ["caching strategies", "topics/system-design/caching-strategies.md"],
  ["mutable defau", "topics/python-language/mutable-default-arguments.md"], // still typing
];

test("at least 30 relevance cases", () => {
  assert.ok(CASES.length >= 30);
});

const index = openIndex();
for (const [query, expected] of CASES) {
  test(`"${query}" finds its page in the top 3`, async () => {
    const wanted = (Array.isArray(expected) ? expected : [expected]).map(urlOf);
    const top = await topUrls(index, query, 3);
    assert.ok(top.some((u) => wanted.includes(u)), `top 3 for "${query}": ${top.join(", ")}; wanted ${wanted.join(" or ")}`);
  });
}
