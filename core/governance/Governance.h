#pragma once

#include <memory>

namespace signalbox {

class Clock;
class KeyDirectory;
class KeyService;
class ResponseCache;
struct Config;

// What the proxy threads share of governance, owned by the Engine: the virtual keys with
// their meters, the service that keeps them in the store, and the response cache.
// Survives restarts and reloads of the proxy, like the health board.
class Governance {
public:
    explicit Governance(const Clock& clock);
    ~Governance();

    void configure(const Config& config);  // the cache's size

    KeyDirectory& keys() { return *keys_; }
    KeyService& keyService() { return *service_; }
    ResponseCache& cache() { return *cache_; }

private:
    std::unique_ptr<KeyDirectory> keys_;
    std::unique_ptr<KeyService> service_;
    std::unique_ptr<ResponseCache> cache_;
};

}  // namespace signalbox
