module.exports = {
  displayName: 'roadshow',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/domain/roadshow',
};
