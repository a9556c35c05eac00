println([1, 2, 3].intersect([2, 3, 4]))
println([1, 2].disjoint([3, 4]))
println([1, 2, 3].containsAll([1, 3]))
