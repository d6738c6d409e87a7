// Linked with one layer's whole library and only that layer's dependencies
// (CMakeLists.txt): it links only when the layer calls nothing above it.
int main() { return 0; }
