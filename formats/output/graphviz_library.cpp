#include "formats/output/graphviz_library.h"

#include <dlfcn.h>

#include <mutex>
#include <string>

namespace proflens {

namespace {

class Loader {
 public:
  // Opens `file` (kept open for the process); false after an error.
  bool Open(const char* file, void** handle) {
    if (!error_.empty()) return false;
    *handle = ::dlopen(file, RTLD_NOW | RTLD_LOCAL);
    if (*handle == nullptr) Fail(file);
    return *handle != nullptr;
  }

  // The symbol `name` of `handle` as a T (a function or data pointer).
  template <typename T>
  void Find(void* handle, const char* name, T* out) {
    if (!error_.empty() || handle == nullptr) return;
    void* symbol = ::dlsym(handle, name);
    if (symbol == nullptr) {
      Fail(name);
      return;
    }
    *out = reinterpret_cast<T>(symbol);
  }

  const std::string& error() const { return error_; }

 private:
  void Fail(const char* what) {
    const char* reason = ::dlerror();
    error_ = std::string("Graphviz could not be loaded (") + what + "): " +
             (reason != nullptr ? reason : "unknown reason") +
             " (install Graphviz's libraries: scripts/setup.sh, Debian package libgvc6)";
  }

  std::string error_;
};

}  // namespace

GraphvizFiles BuiltGraphvizFiles() {
  return {PROFLENS_CGRAPH_LIBRARY, PROFLENS_GVC_LIBRARY, PROFLENS_GVPLUGIN_DOT_LAYOUT, PROFLENS_GVPLUGIN_CORE,
          PROFLENS_GVPLUGIN_PANGO};
}

Result<GraphvizLibrary> LoadGraphviz(const GraphvizFiles& files) {
  GraphvizLibrary gv{};
  Loader loader;
  void *cgraph = nullptr, *gvc = nullptr, *dot_layout = nullptr, *core = nullptr, *pango = nullptr;
  loader.Open(files.cgraph, &cgraph);
  loader.Open(files.gvc, &gvc);
  loader.Open(files.dot_layout, &dot_layout);
  loader.Open(files.core, &core);
  loader.Open(files.pango, &pango);
  loader.Find(cgraph, "agopen", &gv.agopen);
  loader.Find(cgraph, "agclose", &gv.agclose);
  loader.Find(cgraph, "agattr", &gv.agattr);
  loader.Find(cgraph, "agsubg", &gv.agsubg);
  loader.Find(cgraph, "agnode", &gv.agnode);
  loader.Find(cgraph, "agedge", &gv.agedge);
  loader.Find(cgraph, "agsafeset", &gv.agsafeset);
  loader.Find(cgraph, "agwrite", &gv.agwrite);
  loader.Find(cgraph, "agnnodes", &gv.agnnodes);
  const Agdesc_t* directed = nullptr;
  loader.Find(cgraph, "Agdirected", &directed);
  loader.Find(gvc, "gvContextPlugins", &gv.gvContextPlugins);
  loader.Find(gvc, "gvLayout", &gv.gvLayout);
  loader.Find(gvc, "gvRenderData", &gv.gvRenderData);
  loader.Find(gvc, "gvFreeRenderData", &gv.gvFreeRenderData);
  loader.Find(gvc, "gvFreeLayout", &gv.gvFreeLayout);
  const char* const plugin_names[3] = {"gvplugin_dot_layout_LTX_library", "gvplugin_core_LTX_library",
                                       "gvplugin_pango_LTX_library"};
  void* const plugin_handles[3] = {dot_layout, core, pango};
  for (int i = 0; i < 3; ++i) {
    void* library = nullptr;
    loader.Find(plugin_handles[i], plugin_names[i], &library);
    gv.plugins[i] = {plugin_names[i], library};
  }
  gv.plugins[3] = {nullptr, nullptr};
  if (!loader.error().empty()) return Status::Input(loader.error());
  gv.directed = *directed;
  return gv;
}

Result<const GraphvizLibrary*> Graphviz() {
  static std::once_flag once;
  static Result<GraphvizLibrary> library = Status::Input("Graphviz was not loaded");
  std::call_once(once, [] { library = LoadGraphviz(BuiltGraphvizFiles()); });
  if (!library.ok()) return library.status();
  return &library.value();
}

std::recursive_mutex& GraphvizLock() {
  static std::recursive_mutex lock;
  return lock;
}

}  // namespace proflens
