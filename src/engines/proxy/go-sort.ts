// Go's sort.Slice on short inputs is an insertion sort; with a comparator that is not a strict
// weak order (istioctl's route-name sort) the resulting order depends on that exact algorithm.

/** Insertion sort with Go's swap-while-less loop. */
export function goInsertionSort<T>(items: T[], less: (a: T, b: T) => boolean): T[] {
  for (let i = 1; i < items.length; i++) {
    for (let j = i; j > 0 && less(items[j]!, items[j - 1]!); j--) {
      const t = items[j]!;
      items[j] = items[j - 1]!;
      items[j - 1] = t;
    }
  }
  return items;
}
