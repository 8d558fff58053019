// C++ as real programs use it: exceptions thrown through several frames and caught by type (the unwinder reads
// .eh_frame and runs personality routines from libstdc++/libgcc), destructors run during unwinding, standard
// containers and strings, virtual calls, and iostream output of integers and doubles.
#include <iostream>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

static int destroyed = 0;

struct Guard {
    std::string name;
    explicit Guard(std::string n) : name(std::move(n)) {}
    ~Guard() { destroyed++; }
};

struct Shape {
    virtual ~Shape() = default;
    virtual double area() const = 0;
    virtual std::string name() const = 0;
};
struct Rect : Shape {
    double w, h;
    Rect(double w, double h) : w(w), h(h) {}
    double area() const override { return w * h; }
    std::string name() const override { return "rect"; }
};
struct Tri : Shape {
    double b, h;
    Tri(double b, double h) : b(b), h(h) {}
    double area() const override { return b * h / 2; }
    std::string name() const override { return "tri"; }
};

struct ParseError : std::runtime_error {
    int position;
    ParseError(const std::string &what, int position) : std::runtime_error(what), position(position) {}
};

static int parseDigit(const std::string &s, int i) {
    Guard g("digit");
    if (i >= (int)s.size()) throw std::out_of_range("index " + std::to_string(i));
    if (s[i] < '0' || s[i] > '9') throw ParseError("not a digit: " + std::string(1, s[i]), i);
    return s[i] - '0';
}

static int parseNumber(const std::string &s) {
    Guard g("number");
    int n = 0;
    for (int i = 0; i < 4; i++) n = n * 10 + parseDigit(s, i);
    return n;
}

int main() {
    std::vector<std::string> inputs = {"1234", "12x4", "12", "9876", "abcd"};
    std::map<std::string, int> parsed;
    for (const auto &in : inputs) {
        try {
            parsed[in] = parseNumber(in);
        } catch (const ParseError &e) {
            std::cout << "parse error at " << e.position << ": " << e.what() << "\n";
        } catch (const std::exception &e) {
            std::cout << "other error: " << e.what() << "\n";
        }
    }
    for (const auto &p : parsed) std::cout << p.first << " -> " << p.second << "\n";
    std::cout << "guards destroyed: " << destroyed << "\n";

    std::vector<std::unique_ptr<Shape>> shapes;
    for (int i = 1; i <= 6; i++) {
        if (i % 2) shapes.push_back(std::make_unique<Rect>(i, i + 0.5));
        else shapes.push_back(std::make_unique<Tri>(i, i * 1.25));
    }
    double total = 0;
    for (const auto &s : shapes) {
        std::cout << s->name() << " " << s->area() << "\n";
        total += s->area();
    }
    std::cout.precision(17);
    std::cout << "total " << total << std::endl;
    try {
        throw 42;
    } catch (int v) {
        std::cout << "caught int " << v << "\n";
    }
    return 0;
}
